package org.ipledger.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LegalEventsTest {

    private static final String PROBLEM = "application/problem+json";

    private static ValidatableResponse event(long assetId, String kind, String occurredOn) {
        return given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "occurredOn", occurredOn, "reference", "REF-" + kind))
                .post("/api/v1/assets/{id}/legal-events", assetId).then();
    }

    private static ValidatableResponse asset(long assetId) {
        return given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}", assetId).then().statusCode(200);
    }

    @Test
    void legalEventsAreDatedHistoryAndTheAssetShowsItsCurrentState() {
        long holder = Fixtures.enterprise();
        long patent = Fixtures.invention(holder);
        event(patent, "COURT_FREEZE", "2024-05-06").statusCode(201)
                .body("assetId", equalTo((int) patent))
                .body("kind", equalTo("COURT_FREEZE"))
                .body("occurredOn", equalTo("2024-05-06"))
                .body("statusAfter", equalTo("VALID"));
        event(patent, "INVALIDATION_REQUESTED", "2024-07-01").statusCode(201);
        event(patent, "UNFREEZE", "2024-09-30").statusCode(201);

        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}/legal-events", patent)
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.kind", equalTo(List.of("COURT_FREEZE", "INVALIDATION_REQUESTED", "UNFREEZE")))
                .body("items.occurredOn", equalTo(List.of("2024-05-06", "2024-07-01", "2024-09-30")))
                .body("items[0].reference", equalTo("REF-COURT_FREEZE"));
        asset(patent)
                .body("legalStatus", equalTo("VALID"))
                .body("encumbrances", hasSize(1))
                .body("encumbrances[0].kind", equalTo("INVALIDATION_PROCEEDINGS"))
                .body("encumbrances[0].since", equalTo("2024-07-01"));
    }

    @Test
    void feeUnpaidLapsesTheAssetAndRestoredRevivesIt() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        event(patent, "FEE_UNPAID", "2024-03-16").statusCode(201).body("statusAfter", equalTo("LAPSED"));
        asset(patent).body("legalStatus", equalTo("LAPSED"));
        event(patent, "RESTORED", "2024-06-01").statusCode(201).body("statusAfter", equalTo("VALID"));
        asset(patent).body("legalStatus", equalTo("VALID"));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}/legal-events", patent)
                .then().statusCode(200).body("items.kind", equalTo(List.of("FEE_UNPAID", "RESTORED")));
    }

    @Test
    void restoredOnAValidAssetIsNotApplicable() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        event(patent, "RESTORED", "2024-06-01").statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("legal-event-not-applicable"));
    }

    @Test
    void courtFreezeThenUnfreezeOpensAndClosesTheEncumbrance() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        event(patent, "COURT_FREEZE", "2025-01-10").statusCode(201);
        asset(patent).body("encumbrances.kind", equalTo(List.of("COURT_FREEZE")))
                .body("encumbrances[0].since", equalTo("2025-01-10"));
        event(patent, "COURT_FREEZE", "2025-02-10").statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("legal-event-not-applicable"));
        event(patent, "UNFREEZE", "2025-03-10").statusCode(201);
        asset(patent).body("encumbrances", empty()).body("legalStatus", equalTo("VALID"));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}/legal-events", patent)
                .then().statusCode(200).body("items.kind", equalTo(List.of("COURT_FREEZE", "UNFREEZE")));
    }

    @Test
    void unfreezeBeforeTheFreezeBeganIs400NamingOccurredOn() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        event(patent, "COURT_FREEZE", "2025-01-10").statusCode(201);
        event(patent, "UNFREEZE", "2025-01-09").statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("occurredOn"));
    }

    @Test
    void unfreezeWithoutAFreezeIs409() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        event(patent, "UNFREEZE", "2025-03-10").statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("legal-event-not-applicable"))
                .body("detail", containsString("COURT_FREEZE"));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}/legal-events", patent)
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void eventInTheFutureIs400NamingOccurredOn() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        event(patent, "COURT_FREEZE", Fixtures.today().plusDays(1).toString()).statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("occurredOn"));
    }

    @Test
    void legalEventOnUnknownAssetIs404() {
        event(987_654_321L, "COURT_FREEZE", "2025-01-10").statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("not-found"));
    }

    @Test
    void onlyTheRegistrarRecordsLegalEvents() {
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(Fixtures.enterprise());
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("kind", "COURT_FREEZE", "occurredOn", "2025-01-10"))
                .post("/api/v1/assets/{id}/legal-events", patent)
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void grantedOnAPendingTrademarkSetsGrantDateAndExpiry() {
        long holder = Fixtures.enterprise();
        long mark = Fixtures.asset(Fixtures.assetBody("TRADEMARK", Fixtures.trademarkNumber(), "2018-02-01", null, holder));
        asset(mark).body("legalStatus", equalTo("PENDING_GRANT")).body("expiresOn", nullValue());
        event(mark, "GRANTED", "2019-08-07").statusCode(201).body("statusAfter", equalTo("VALID"));
        asset(mark)
                .body("legalStatus", equalTo("VALID"))
                .body("grantDate", equalTo("2019-08-07"))
                .body("expiresOn", equalTo("2029-08-06"));
        event(mark, "GRANTED", "2019-09-01").statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("legal-event-not-applicable"));
    }

    @Test
    void renewedAddsTenYearsToATrademark() {
        long holder = Fixtures.enterprise();
        // registered 2016-01-01: its first term ended 2025-12-31
        long mark = Fixtures.asset(Fixtures.assetBody("TRADEMARK", Fixtures.trademarkNumber(), "2014-05-01", "2016-01-01", holder));
        asset(mark).body("expiresOn", equalTo("2025-12-31")).body("legalStatus", equalTo("EXPIRED"));
        event(mark, "RENEWED", "2025-11-20").statusCode(201).body("statusAfter", equalTo("VALID"));
        asset(mark).body("expiresOn", equalTo("2035-12-31")).body("legalStatus", equalTo("VALID"));
        event(mark, "RENEWED", Fixtures.today().toString()).statusCode(201);
        asset(mark).body("expiresOn", equalTo("2045-12-31"));
    }

    @Test
    void renewedOnAPatentIsNotApplicable() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        event(patent, "RENEWED", "2025-01-10").statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("legal-event-not-applicable"));
        asset(patent).body("expiresOn", equalTo("2040-03-14"));
    }

    @Test
    void historyListsRegistrationLegalEventValuationAndPledgeInSeqOrder() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        event(patent, "INVALIDATION_REQUESTED", "2025-02-01").statusCode(201);
        event(patent, "INVALIDATION_REJECTED", "2025-05-01").statusCode(201);
        Fixtures.valuation(patent, "12500000.00", "2025-06-01");
        Fixtures.pledge(pledgor, bank, patent);

        ValidatableResponse history = given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}/history", patent)
                .then().statusCode(200)
                .body("total", equalTo(5))
                .body("items.action", equalTo(List.of("ASSET_REGISTERED", "LEGAL_EVENT_RECORDED", "LEGAL_EVENT_RECORDED",
                        "VALUATION_RECORDED", "PLEDGE_FILED")))
                .body("items[0].state.registryNumber", equalTo(history0Number(patent)))
                .body("items[1].state.event.kind", equalTo("INVALIDATION_REQUESTED"))
                .body("items[3].state.valuation.amount", equalTo("12500000.00"))
                .body("items[4].entityType", equalTo("PLEDGE"))
                .body("items[4].state.status", equalTo("PENDING"));
        List<Long> seqs = history.extract().jsonPath().getList("items.seq", Long.class);
        for (int i = 1; i < seqs.size(); i++) {
            assertTrue(seqs.get(i - 1) < seqs.get(i), "seq increases: " + seqs);
        }
        List<String> actors = history.extract().jsonPath().getList("items.actor", String.class);
        assertEquals("registrar", actors.get(0));
        assertEquals("bank-" + bank + "@" + bank, actors.get(4));

        given().auth().oauth2(Tokens.regulator()).queryParam("size", 2).queryParam("page", 2)
                .get("/api/v1/assets/{id}/history", patent)
                .then().statusCode(200)
                .body("total", equalTo(5))
                .body("items.action", equalTo(List.of("PLEDGE_FILED")));
    }

    private static String history0Number(long assetId) {
        return asset(assetId).extract().jsonPath().getString("registryNumber");
    }

    @Test
    void legalEventsPageFarBeyondTheEndIsNotAServerError() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        given().auth().oauth2(Tokens.regulator()).queryParam("page", 20_000_000).queryParam("size", 200)
                .get("/api/v1/assets/{id}/legal-events", patent)
                .then().statusCode(400).body("errors[0].field", equalTo("page"));
        given().auth().oauth2(Tokens.regulator()).queryParam("page", 20_000_000).queryParam("size", 200)
                .get("/api/v1/assets/{id}/history", patent)
                .then().statusCode(400).body("errors[0].field", equalTo("page"));
        given().auth().oauth2(Tokens.regulator()).queryParam("page", 5).queryParam("size", 200)
                .get("/api/v1/assets/{id}/history", patent)
                .then().statusCode(200).body("items", empty()).body("total", equalTo(1));
    }

    @Test
    void historyOfUnknownAssetIs404() {
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}/history", 987_654_321L)
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("not-found"));
    }

    @Test
    void journalRefusesUpdateAndDelete() throws SQLException {
        long patent = Fixtures.invention(Fixtures.enterprise());
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            db.setAutoCommit(false);
            long seq;
            try (PreparedStatement find = db.prepareStatement(
                    "select seq from journal where entity_type = 'ASSET' and entity_id = ? order by seq limit 1")) {
                find.setLong(1, patent);
                try (ResultSet rs = find.executeQuery()) {
                    assertTrue(rs.next(), "the registration is journaled");
                    seq = rs.getLong(1);
                }
            }
            db.rollback();
            try {
                SQLException update = assertThrows(SQLException.class, () -> {
                    try (PreparedStatement sql = db.prepareStatement("update journal set actor = 'tampered' where seq = ?")) {
                        sql.setLong(1, seq);
                        sql.executeUpdate();
                    }
                });
                assertTrue(update.getMessage().contains("append-only"), update.getMessage());
                db.rollback();
                SQLException delete = assertThrows(SQLException.class, () -> {
                    try (PreparedStatement sql = db.prepareStatement("delete from journal where seq = ?")) {
                        sql.setLong(1, seq);
                        sql.executeUpdate();
                    }
                });
                assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
            } finally {
                // whatever happened, nothing of this test's own statements may stay
                db.rollback();
            }
        }
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}/history", patent)
                .then().statusCode(200)
                .body("items[0].action", equalTo("ASSET_REGISTERED"))
                .body("items[0].actor", equalTo("registrar"));
    }
}
