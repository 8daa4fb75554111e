package org.ipledger.replica;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The replica datasource points at another database than the primary ({@link ReplicaDatabaseProfile}):
 * figures only that database holds (January 1975, 7 pledges) must come back, and the answer must say
 * it was read on the replica. The primary holds nothing for 1975, so they cannot come from there.
 */
@QuarkusTest
@TestProfile(ReplicaDatabaseProfile.class)
class StatsReadReplicaTest {

    private static boolean prepared;

    @BeforeEach
    void prepareReplicaDatabaseOnce() throws SQLException {
        synchronized (StatsReadReplicaTest.class) {
            if (!prepared) {
                prepareReplicaDatabase();
                prepared = true;
            }
        }
    }

    @Test
    void regulatorAggregatesAreReadFromTheReplicaDatabase() throws SQLException {
        assertEquals(0, countOnPrimary("select count(*) from stats_pledge_month where month = '1975-01-01'"));
        JsonPath a = given().auth().oauth2(Tokens.regulator()).accept(ContentType.JSON)
                .get("/api/v1/regulator/aggregates?from=1975-01-01&to=1975-01-31")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(7, a.getLong("registrationBasis.total.pledges"));
        assertEquals("7000000.00", a.getString("registrationBasis.total.pledgedAmount"));
        assertEquals(9, a.getLong("registrationBasis.total.pledgedAssets"));
        assertEquals("REPLICA", a.getString("readFrom.source"));
        // A writable server (not a standby) is current by definition.
        assertEquals(0, a.getLong("readFrom.lagMillis"));
        assertEquals(null, a.getString("readFrom.fallbackReason"));
    }

    @Test
    void labVolumesAreReadFromTheReplicaDatabase() {
        given().auth().oauth2(Tokens.regulator())
                .get("/api/v1/stats/volumes?from=1975-01&to=1975-01&period=MONTH")
                .then().statusCode(200)
                .body("rows[0].registration.pledges.value", equalTo(7))
                .body("readFrom.source", equalTo("REPLICA"));
    }

    @Test
    void aggregatesCsvSaysWhereItWasRead() {
        given().auth().oauth2(Tokens.regulator()).accept("text/csv")
                .get("/api/v1/regulator/aggregates?from=1975-01-01&to=1975-01-31")
                .then().statusCode(200)
                .header("Read-Source", "REPLICA")
                .header("Read-Lag-Millis", "0");
    }

    /** A fresh database with the schema, and one month of figures that only it holds. */
    private static void prepareReplicaDatabase() throws SQLException {
        var config = ConfigProvider.getConfig();
        String primaryUrl = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        String primaryDb = primaryUrl.substring(primaryUrl.lastIndexOf('/') + 1);
        String replicaDb = primaryDb + ReplicaDatabaseProfile.SUFFIX;
        String replicaUrl = primaryUrl + ReplicaDatabaseProfile.SUFFIX;
        try (Connection c = DriverManager.getConnection(primaryUrl, user, password); Statement s = c.createStatement()) {
            // The test database's name passed PostgresTestResource's check: a plain identifier.
            s.execute("drop database if exists " + replicaDb + " with (force)");
            s.execute("create database " + replicaDb);
        }
        Flyway.configure().dataSource(replicaUrl, user, password)
                .locations("filesystem:src/main/resources/db/migration").load().migrate();
        try (Connection c = DriverManager.getConnection(replicaUrl, user, password); Statement s = c.createStatement()) {
            s.execute("""
                    insert into stats_pledge_month (month, dim, grp, pledges, pledged_amount, pledged_assets)
                    values ('1975-01-01', 'TOTAL', '', 7, 7000000.00, 9)""");
        }
    }

    private static long countOnPrimary(String sql) throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
