package org.ipledger.replica;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A replica that does not answer costs the statistics nothing but a note: the primary answers. */
@QuarkusTest
@TestProfile(UnreachableReplicaProfile.class)
class StatsReplicaFallbackTest {

    @Test
    void unreachableReplicaFallsBackToThePrimaryAndSaysWhy() {
        given().auth().oauth2(Tokens.regulator())
                .get("/api/v1/regulator/aggregates?from=1976-01-01&to=1976-12-31")
                .then().statusCode(200)
                .body("readFrom.source", equalTo("PRIMARY"))
                .body("readFrom.lagMillis", equalTo(0))
                .body("readFrom.fallbackReason", startsWith("replica unreachable"));
    }

    @Test
    void readinessDoesNotDependOnTheReplica() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
