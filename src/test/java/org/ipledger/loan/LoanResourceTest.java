package org.ipledger.loan;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class LoanResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final LocalDate START = LocalDate.now().minusDays(60);

    /** An enterprise, its patent pledged (ACTIVE) to a bank: returns {borrower, bank, patent, pledge}. */
    static long[] securedBorrower() {
        long borrower = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(borrower);
        long pledge = Fixtures.pledge(borrower, bank, patent);
        given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON)
                .body(Map.of("officeNumber", "Y" + System.nanoTime(), "registeredOn", LocalDate.now().toString()))
                .post("/api/v1/pledges/{id}/registration", pledge).then().statusCode(200);
        return new long[]{borrower, bank, patent, pledge};
    }

    static Map<String, Object> loanBody(long bank, long borrower, long pledge, String principal) {
        return new HashMap<>(Map.of("lenderId", bank, "borrowerId", borrower, "principal", principal,
                "annualRate", "0.0385", "disbursementDate", START.toString(),
                "maturityDate", START.plusYears(1).toString(), "purpose", "研发投入与流动资金",
                "pledgeIds", List.of(pledge)));
    }

    static long loan(long bank, long borrower, long pledge, String principal) {
        return given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(loanBody(bank, borrower, pledge, principal)).post("/api/v1/loans")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static ValidatableResponse event(long bank, long loan, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/loans/{id}/events", loan).then();
    }

    static String day(int offset) {
        return START.plusDays(offset).toString();
    }

    @Test
    void loanWalksFromDisbursementThroughRepaymentsToFullRepaymentAndReleasesItsPledges() {
        long[] s = securedBorrower();
        long bank = s[1];
        long loan = given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(loanBody(bank, s[0], s[3], "3000000.00")).post("/api/v1/loans")
                .then().statusCode(201)
                .body("status", equalTo("CONTRACTED"))
                .body("inclusiveSmallLoan", equalTo(true))
                .body("firstTimePledgor", equalTo(true))
                .body("outstanding", equalTo("0.00"))
                .body("journalSeq", notNullValue())
                .extract().jsonPath().getLong("id");
        event(bank, loan, Map.of("kind", "DISBURSEMENT", "occurredOn", day(0), "principalAmount", "1000000.00"))
                .statusCode(200).body("status", equalTo("ACTIVE")).body("outstanding", equalTo("1000000.00"));
        event(bank, loan, Map.of("kind", "DISBURSEMENT", "occurredOn", day(1), "principalAmount", "2000000.00"))
                .statusCode(200).body("disbursed", equalTo("3000000.00"));
        event(bank, loan, Map.of("kind", "REPAYMENT", "occurredOn", day(30), "principalAmount", "0.10",
                "interestAmount", "9625.01"))
                .statusCode(200).body("outstanding", equalTo("2999999.90")).body("interestRepaid", equalTo("9625.01"));
        event(bank, loan, Map.of("kind", "REPAYMENT", "occurredOn", day(31), "principalAmount", "999999.95"))
                .statusCode(200).body("outstanding", equalTo("1999999.95"));
        event(bank, loan, Map.of("kind", "FULL_REPAYMENT", "occurredOn", day(59), "principalAmount", "1999999.95"))
                .statusCode(422).body("code", equalTo("pledge-release-blocked"));
        event(bank, loan, Map.of("kind", "FULL_REPAYMENT", "occurredOn", day(60), "principalAmount", "1999999.95",
                "interestAmount", "6415.33"))
                .statusCode(200)
                .body("status", equalTo("REPAID"))
                .body("outstanding", equalTo("0.00"))
                .body("principalRepaid", equalTo("3000000.00"))
                .body("interestRepaid", equalTo("16040.34"))
                .body("pledges[0].status", equalTo("RELEASED"))
                .body("events", hasSize(5))
                .body("events[4].outstandingAfter", equalTo("0.00"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/collateral-status?assetId=" + s[2])
                .then().statusCode(200).body("freeToPledge", equalTo(true));
        event(bank, loan, Map.of("kind", "REPAYMENT", "occurredOn", day(60), "interestAmount", "1.00"))
                .statusCode(409).contentType(PROBLEM).body("code", equalTo("loan-closed"));
    }

    @Test
    void repaymentAboveTheBalanceIsRefusedAndChangesNothing() {
        long[] s = securedBorrower();
        long bank = s[1];
        long loan = loan(bank, s[0], s[3], "500000.00");
        event(bank, loan, Map.of("kind", "DISBURSEMENT", "occurredOn", day(0), "principalAmount", "500000.00")).statusCode(200);
        event(bank, loan, Map.of("kind", "REPAYMENT", "occurredOn", day(5), "principalAmount", "500000.01"))
                .statusCode(422).contentType(PROBLEM).body("code", equalTo("repayment-exceeds-balance"))
                .body("errors[0].field", equalTo("principalAmount"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/loans/" + loan)
                .then().statusCode(200).body("outstanding", equalTo("500000.00")).body("events", hasSize(1));
    }

    @Test
    void badEventInputGetsAClear4xx() {
        long[] s = securedBorrower();
        long bank = s[1];
        long loan = loan(bank, s[0], s[3], "500000.00");
        event(bank, loan, Map.of("kind", "DISBURSEMENT", "occurredOn", day(0), "principalAmount", "-5.00"))
                .statusCode(400).body("errors[0].field", equalTo("principalAmount"));
        event(bank, loan, Map.of("kind", "DISBURSEMENT", "occurredOn", day(0), "principalAmount", "600000.00"))
                .statusCode(422).body("code", equalTo("disbursement-exceeds-principal"));
        event(bank, loan, Map.of("kind", "DISBURSEMENT", "occurredOn", day(10), "principalAmount", "100.00")).statusCode(200);
        event(bank, loan, Map.of("kind", "REPAYMENT", "occurredOn", day(9), "principalAmount", "1.00"))
                .statusCode(422).body("code", equalTo("event-out-of-order")).body("errors[0].field", equalTo("occurredOn"));
        event(bank, loan, Map.of("kind", "WRITE_OFF", "occurredOn", day(11)))
                .statusCode(409).body("code", equalTo("loan-state-conflict"));
        event(bank, loan, Map.of("kind", "RISK_CLASSIFICATION", "occurredOn", day(11)))
                .statusCode(400).body("errors[0].field", equalTo("riskClass"));
        event(bank, loan, Map.of("kind", "DEFAULT", "occurredOn", day(11), "principalAmount", "1.00"))
                .statusCode(400).body("errors[0].field", equalTo("principalAmount"));
        event(bank, loan, Map.of("kind", "REPAYMENT", "occurredOn", day(11), "principalAmount", "1.001"))
                .statusCode(400).body("errors[0].field", equalTo("principalAmount"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/loans/" + loan)
                .then().statusCode(200).body("events", hasSize(1)).body("outstanding", equalTo("100.00"));
    }

    @Test
    void defaultThenWriteOffClosesTheLoanWithItsOutstandingWrittenOff() {
        long[] s = securedBorrower();
        long bank = s[1];
        long loan = loan(bank, s[0], s[3], "800000.00");
        event(bank, loan, Map.of("kind", "DISBURSEMENT", "occurredOn", day(0), "principalAmount", "800000.00")).statusCode(200);
        event(bank, loan, Map.of("kind", "REPAYMENT", "occurredOn", day(30), "principalAmount", "100000.00")).statusCode(200);
        event(bank, loan, Map.of("kind", "RISK_CLASSIFICATION", "occurredOn", day(40), "riskClass", "SUBSTANDARD"))
                .statusCode(200).body("riskClass", equalTo("SUBSTANDARD"));
        event(bank, loan, Map.of("kind", "DEFAULT", "occurredOn", day(50))).statusCode(200).body("status", equalTo("DEFAULTED"));
        event(bank, loan, Map.of("kind", "WRITE_OFF", "occurredOn", day(55)))
                .statusCode(200).body("status", equalTo("WRITTEN_OFF")).body("writtenOff", equalTo("700000.00"))
                .body("outstanding", equalTo("0.00"));
    }

    @Test
    void aBankCannotSeeOrMoveAnotherBanksLoans() {
        long[] s = securedBorrower();
        long bank = s[1];
        long rival = Fixtures.bank();
        long loan = loan(bank, s[0], s[3], "500000.00");
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/loans/" + loan).then().statusCode(404).contentType(PROBLEM);
        event(rival, loan, Map.of("kind", "DEFAULT", "occurredOn", day(1))).statusCode(404);
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/loans").then().statusCode(200)
                .body("items.findAll { it.id == " + loan + " }", hasSize(0));
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/loans?lenderId=" + bank).then().statusCode(403);
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/loans/" + loan).then().statusCode(200)
                .body("lender.id", equalTo((int) bank));
        given().auth().oauth2(Tokens.bank(rival)).contentType(ContentType.JSON)
                .body(loanBody(bank, s[0], s[3], "1.00")).post("/api/v1/loans").then().statusCode(403);
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/assets/" + s[2] + "/history").then().statusCode(200)
                .body("items.find { it.action == 'LOAN_RECORDED' }.state.principal", nullValue())
                .body("items.find { it.action == 'LOAN_RECORDED' }.state.hidden", notNullValue());
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/assets/" + s[2] + "/history").then().statusCode(200)
                .body("items.find { it.action == 'LOAN_RECORDED' }.state.principal", equalTo("500000.00"));
    }

    @Test
    void aPledgeSecuresOneLoanAndMustBeToTheLender() {
        long[] s = securedBorrower();
        long bank = s[1];
        loan(bank, s[0], s[3], "500000.00");
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(loanBody(bank, s[0], s[3], "100.00")).post("/api/v1/loans")
                .then().statusCode(409).body("code", equalTo("pledge-already-secures-a-loan"));
        long[] other = securedBorrower();
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(loanBody(bank, other[0], other[3], "100.00")).post("/api/v1/loans")
                .then().statusCode(422).body("code", equalTo("pledge-cannot-secure-loan"));
    }

    @Test
    void fullRepaymentIsRefusedWhileAPledgeIsStillPendingAndNothingIsRecorded() {
        long borrower = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long pending = Fixtures.pledge(borrower, bank, Fixtures.invention(borrower));
        long loan = loan(bank, borrower, pending, "200000.00");
        event(bank, loan, Map.of("kind", "DISBURSEMENT", "occurredOn", day(0), "principalAmount", "200000.00")).statusCode(200);
        event(bank, loan, Map.of("kind", "FULL_REPAYMENT", "occurredOn", day(60)))
                .statusCode(409).contentType(PROBLEM).body("code", equalTo("pledge-release-blocked"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/loans/" + loan).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("outstanding", equalTo("200000.00")).body("events", hasSize(1))
                .body("pledges[0].status", equalTo("PENDING"));
    }

    @Test
    void aRetriedEventWithTheSameIdempotencyKeyIsRecordedOnce() {
        long[] s = securedBorrower();
        long bank = s[1];
        long loan = loan(bank, s[0], s[3], "300000.00");
        Map<String, Object> body = Map.of("kind", "DISBURSEMENT", "occurredOn", day(0), "principalAmount", "100000.00");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(Tokens.bank(bank)).header("Idempotency-Key", "disb-" + loan).contentType(ContentType.JSON)
                    .body(body).post("/api/v1/loans/{id}/events", loan)
                    .then().statusCode(200).body("disbursed", equalTo("100000.00"));
        }
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/loans/" + loan).then().statusCode(200)
                .body("events", hasSize(1)).body("outstanding", equalTo("100000.00"));
    }

    @Test
    void inclusiveSmallLoanFollowsTheThresholdInForceOnTheDisbursementDate() {
        long[] s = securedBorrower();
        long bank = s[1];
        Map<String, Object> body = loanBody(bank, s[0], s[3], "15000000.00");
        body.put("disbursementDate", "2023-06-01");
        body.put("maturityDate", "2026-06-01");
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(body).post("/api/v1/loans")
                .then().statusCode(201).body("inclusiveSmallLoan", equalTo(false));
        long[] t = securedBorrower();
        Map<String, Object> later = loanBody(t[1], t[0], t[3], "15000000.00");
        later.put("disbursementDate", "2024-06-01");
        later.put("maturityDate", "2027-06-01");
        given().auth().oauth2(Tokens.bank(t[1])).contentType(ContentType.JSON).body(later).post("/api/v1/loans")
                .then().statusCode(201).body("inclusiveSmallLoan", equalTo(true));
    }
}
