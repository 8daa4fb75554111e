package org.ipledger.alert;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.LoanFixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class AlertsTest {

    private static final String PROBLEM = "application/problem+json";

    static JsonPath alerts(long bank, String query) {
        return given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/alerts" + (query.isEmpty() ? "" : "?" + query))
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aLapseOnAPledgedAssetOfAnActiveLoanAlertsTheLendingBank() {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        assertEquals(0, alerts(s.bank(), "loanId=" + s.loan()).getInt("total"));

        Fixtures.legalEvent(s.asset(), "FEE_UNPAID", Fixtures.today().toString());

        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/alerts?loanId=" + s.loan())
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].kind", equalTo("NOT_VALID"))
                .body("items[0].bank.id", equalTo((int) s.bank()))
                .body("items[0].loanId", equalTo((int) s.loan()))
                .body("items[0].asset.id", equalTo((int) s.asset()))
                .body("items[0].asset.kind", equalTo("INVENTION_PATENT"))
                .body("items[0].trigger.type", equalTo("LEGAL_EVENT"))
                .body("items[0].trigger.kind", equalTo("FEE_UNPAID"))
                .body("items[0].detail", containsString("LAPSED"))
                .body("items[0].coverage.outstanding", equalTo("2000000.00"))
                .body("items[0].acknowledged", equalTo(false))
                .body("items[0].journalSeq", notNullValue());
    }

    @Test
    void courtFreezeDisputeAndInvalidationRequestsAlertButTheirEndingsDoNot() {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        String today = Fixtures.today().toString();
        Fixtures.legalEvent(s.asset(), "COURT_FREEZE", today);
        Fixtures.legalEvent(s.asset(), "UNFREEZE", today);
        Fixtures.legalEvent(s.asset(), "OWNERSHIP_DISPUTE_FILED", today);
        Fixtures.legalEvent(s.asset(), "OWNERSHIP_DISPUTE_RESOLVED", today);
        Fixtures.legalEvent(s.asset(), "INVALIDATION_REQUESTED", today);
        Fixtures.legalEvent(s.asset(), "INVALIDATION_REJECTED", today);
        JsonPath page = alerts(s.bank(), "loanId=" + s.loan());
        assertEquals(List.of("INVALIDATION_PROCEEDINGS", "OWNERSHIP_DISPUTE", "COURT_FREEZE"),
                page.getList("items.kind"), "newest first");
        assertEquals(1, alerts(s.bank(), "loanId=" + s.loan() + "&kind=COURT_FREEZE").getInt("total"));
    }

    @Test
    void aLegalEventOnAnAssetSecuringNoLiveLoanAlertsNobody() {
        long borrower = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(borrower);
        long pledge = Fixtures.pledge(borrower, bank, patent);
        Fixtures.registerPledge(pledge, Fixtures.officeNumber());
        // Pledged, but no loan is recorded on the pledge.
        Fixtures.legalEvent(patent, "COURT_FREEZE", Fixtures.today().toString());
        assertEquals(0, alerts(bank, "").getInt("total"));
    }

    @Test
    void aValuationThatDropsCoverageBelowTheThresholdAlertsAndOneThatKeepsItDoesNot() {
        // Defaults: invention patent 0.25, threshold 1.00. 10,000,000 appraised lends 2,500,000 against 2,000,000.
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        String today = Fixtures.today().toString();
        Fixtures.valuation(s.asset(), "9000000.00", today);     // lends 2,250,000: still covered
        assertEquals(0, alerts(s.bank(), "loanId=" + s.loan()).getInt("total"));

        Fixtures.valuation(s.asset(), "7000000.00", today);     // lends 1,750,000 < 2,000,000 outstanding
        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/alerts?loanId=" + s.loan())
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].kind", equalTo("COVERAGE_BELOW_THRESHOLD"))
                .body("items[0].trigger.type", equalTo("VALUATION"))
                .body("items[0].trigger.occurredOn", equalTo(today))
                .body("items[0].coverage.outstanding", equalTo("2000000.00"))
                .body("items[0].coverage.appraisedValue", equalTo("7000000.00"))
                .body("items[0].coverage.lendableValue", equalTo("1750000.00"))
                .body("items[0].coverage.previousLendableValue", equalTo("2250000.00"))
                .body("items[0].coverage.breachThreshold", equalTo("1.0000"))
                .body("items[0].coverage.outstandingLimit", equalTo("1750000.00"))
                .body("items[0].coverage.loanToValue", equalTo("0.2858"))
                .body("items[0].coverage.coverageRatio", equalTo("0.8750"))
                .body("items[0].coverage.breached", equalTo(true));

        Fixtures.valuation(s.asset(), "8000000.00", today);     // lends 2,000,000: covered again, no alert
        Fixtures.valuation(s.asset(), "7999999.99", today);     // lends 1,999,999.99: breaches again
        Fixtures.valuation(s.asset(), "7999999.99", today);     // no lower than before: no new alert
        JsonPath page = alerts(s.bank(), "loanId=" + s.loan() + "&kind=COVERAGE_BELOW_THRESHOLD");
        assertEquals(2, page.getInt("total"));
        assertEquals("1999999.99", page.getString("items[0].coverage.lendableValue"));
        assertEquals("1999999.99", page.getString("items[0].coverage.outstandingLimit"));
    }

    @Test
    void aBackdatedValuationThatIsNotTheLatestChangesNothing() {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        Fixtures.valuation(s.asset(), "1000.00", Fixtures.today().minusYears(1).toString());
        assertEquals(0, alerts(s.bank(), "loanId=" + s.loan()).getInt("total"));
    }

    @Test
    void anAssetExpiringBeforeTheLoanMaturesAlertsWhenTheLoanIsRecorded() {
        LocalDate today = Fixtures.today();
        long borrower = Fixtures.enterprise();
        long bank = Fixtures.bank();
        // A utility model lasts 10 years from filing: this one ends in 200 days.
        long model = Fixtures.utilityModel(today.minusYears(10).plusDays(201), borrower);
        Map<String, Object> pledgeBody = new java.util.HashMap<>(Fixtures.pledgeBody(borrower, bank, model));
        pledgeBody.put("termEndsOn", today.plusDays(180).toString());
        long pledge = given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(pledgeBody)
                .post("/api/v1/pledges").then().statusCode(201).extract().jsonPath().getLong("id");
        long loan = LoanFixtures.loan(bank, borrower, pledge, "500000.00", today.plusYears(1));

        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/alerts?loanId=" + loan)
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].kind", equalTo("EXPIRES_BEFORE_MATURITY"))
                .body("items[0].trigger.type", equalTo("LOAN_RECORDED"))
                .body("items[0].trigger.id", equalTo((int) loan))
                .body("items[0].asset.id", equalTo((int) model))
                .body("items[0].detail", containsString(today.plusYears(1).toString()));

        long[] safe = {Fixtures.enterprise(), Fixtures.bank()};
        long patent = Fixtures.invention(safe[0]);
        long safePledge = Fixtures.pledge(safe[0], safe[1], patent);
        long safeLoan = LoanFixtures.loan(safe[1], safe[0], safePledge, "500000.00", today.plusYears(1));
        assertEquals(0, alerts(safe[1], "loanId=" + safeLoan).getInt("total"));
    }

    @Test
    void aBankAcknowledgesItsOwnAlertOnce() {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        Fixtures.legalEvent(s.asset(), "COURT_FREEZE", Fixtures.today().toString());
        long alert = alerts(s.bank(), "loanId=" + s.loan()).getLong("items[0].id");
        long rival = Fixtures.bank();

        given().auth().oauth2(Tokens.bank(rival)).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/alerts/{id}/acknowledgement", alert).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(Tokens.regulator()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/alerts/{id}/acknowledgement", alert).then().statusCode(403);

        given().auth().oauth2(Tokens.bank(s.bank())).contentType(ContentType.JSON)
                .body(Map.of("note", "已联系借款人补充担保"))
                .post("/api/v1/alerts/{id}/acknowledgement", alert)
                .then().statusCode(200)
                .body("acknowledged", equalTo(true))
                .body("acknowledgedAt", notNullValue())
                .body("acknowledgedBy", equalTo("bank-" + s.bank() + "@" + s.bank()))
                .body("acknowledgementNote", equalTo("已联系借款人补充担保"))
                .body("journalSeq", notNullValue());
        given().auth().oauth2(Tokens.bank(s.bank())).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/alerts/{id}/acknowledgement", alert)
                .then().statusCode(409).contentType(PROBLEM).body("code", equalTo("alert-already-acknowledged"));

        assertEquals(0, alerts(s.bank(), "loanId=" + s.loan() + "&acknowledged=false").getInt("total"));
        assertEquals(1, alerts(s.bank(), "loanId=" + s.loan() + "&acknowledged=true").getInt("total"));
    }

    @Test
    void anAcknowledgementMayComeWithoutABody() {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        Fixtures.legalEvent(s.asset(), "OWNERSHIP_DISPUTE_FILED", Fixtures.today().toString());
        long alert = alerts(s.bank(), "loanId=" + s.loan()).getLong("items[0].id");
        given().auth().oauth2(Tokens.bank(s.bank())).contentType(ContentType.JSON)
                .post("/api/v1/alerts/{id}/acknowledgement", alert)
                .then().statusCode(200).body("acknowledged", equalTo(true)).body("acknowledgementNote", nullValue());
    }

    @Test
    void aBankCannotSeeAnotherBanksAlertsNorTheirJournalEntries() {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        Fixtures.legalEvent(s.asset(), "FEE_UNPAID", Fixtures.today().toString());
        JsonPath own = alerts(s.bank(), "loanId=" + s.loan());
        long alert = own.getLong("items[0].id");
        long seq = own.getLong("items[0].journalSeq");
        long rival = Fixtures.bank();

        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/alerts?loanId=" + s.loan())
                .then().statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/alerts")
                .then().statusCode(200).body("items.findAll { it.id == " + alert + " }", hasSize(0));
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/alerts/{id}", alert)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/alerts?bankId=" + s.bank())
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/journal/entries/" + seq)
                .then().statusCode(200).body("leafHash", org.hamcrest.Matchers.notNullValue())
                .body("state", org.hamcrest.Matchers.nullValue()).body("leafInput", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/journal/entries/" + seq)
                .then().statusCode(200).body("action", equalTo("ALERT_RAISED")).body("entityId", equalTo((int) alert));
        // The alert is not part of the asset's public history.
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/assets/{id}/history?size=200", s.asset())
                .then().statusCode(200).body("items.action", org.hamcrest.Matchers.hasItem("LEGAL_EVENT_RECORDED"))
                .body("items.findAll { it.entityType == 'ALERT' }", hasSize(0));

        given().auth().oauth2(Tokens.regulator()).get("/api/v1/alerts?bankId=" + s.bank())
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo((int) alert));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/alerts/{id}", alert).then().statusCode(200);
        given().auth().oauth2(Tokens.registrar()).get("/api/v1/alerts").then().statusCode(403);
    }

    @Test
    void badAlertQueriesAreA400NamingTheParameter() {
        long bank = Fixtures.bank();
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/alerts?kind=PANIC")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("kind"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/alerts?acknowledged=maybe")
                .then().statusCode(400).body("errors[0].field", equalTo("acknowledged"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/alerts?loanId=x")
                .then().statusCode(400).body("errors[0].field", equalTo("loanId"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/alerts?size=0")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
    }
}
