package org.ipledger.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The committed contract (openapi/ipledger.yaml) is what banks integrate against: the served document
 * must match it. After a deliberate API change, rewrite it with
 * {@code ./mvnw verify -Dtest=OpenApiContractTest -Dipledger.openapi.write=true} and review the diff.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path CONTRACT = Path.of("openapi", "ipledger.yaml");

    @Test
    void servedContractMatchesTheCommittedOne() throws Exception {
        String served = given().accept("application/yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("ipledger.openapi.write")) {
            Files.writeString(CONTRACT, served, StandardCharsets.UTF_8);
        }
        String committed = Files.readString(CONTRACT, StandardCharsets.UTF_8);
        assertEquals(committed, served, "the API differs from openapi/ipledger.yaml; if intended, regenerate it "
                + "with -Dipledger.openapi.write=true and commit the reviewed diff");
    }
}
