package org.ipledger.replica;

import io.quarkus.test.junit.QuarkusTest;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** No IPLEDGER_REPLICA_URL (the tests' default): statistics read the primary and say so. */
@QuarkusTest
class StatsWithoutReplicaTest {

    @Test
    void withoutReplicaStatisticsReadThePrimary() {
        given().auth().oauth2(Tokens.lab())
                .get("/api/v1/stats/volumes?from=1977-01&to=1977-03&period=MONTH")
                .then().statusCode(200)
                .body("readFrom.source", equalTo("PRIMARY"))
                .body("readFrom.lagMillis", equalTo(0))
                .body("readFrom.asOf", notNullValue())
                .body("readFrom.fallbackReason", nullValue());
    }

    @Test
    void readinessChecksThePrimaryDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("Reactive PostgreSQL")));
    }
}
