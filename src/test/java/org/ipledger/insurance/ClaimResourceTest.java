package org.ipledger.insurance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.InsuranceFixtures;
import org.ipledger.testsupport.InsuranceFixtures.SecuredLoan;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.ipledger.testsupport.InsuranceFixtures.DEFAULT_DAY;
import static org.ipledger.testsupport.InsuranceFixtures.assess;
import static org.ipledger.testsupport.InsuranceFixtures.claim;
import static org.ipledger.testsupport.InsuranceFixtures.day;
import static org.ipledger.testsupport.InsuranceFixtures.fileClaim;
import static org.ipledger.testsupport.InsuranceFixtures.pay;
import static org.ipledger.testsupport.InsuranceFixtures.policy;
import static org.ipledger.testsupport.InsuranceFixtures.reject;

@QuarkusTest
class ClaimResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aDefaultedLoansClaimIsAssessedSplitSixTwoTwoExactlyToTheFenAndPaid() {
        SecuredLoan s = InsuranceFixtures.defaultedLoan("1500000.00");
        long insurer = InsuranceFixtures.insurer();
        long policy = policy(insurer, s.loan(), "0.6", "0.2");
        long claim = fileClaim(s.bank(), s.loan(), "1000000.01")
                .statusCode(201).contentType(ContentType.JSON)
                .body("status", equalTo("FILED"))
                .body("policy.id", equalTo((int) policy))
                .body("insurer.id", equalTo((int) insurer))
                .body("loan.id", equalTo((int) s.loan()))
                .body("amountClaimed", equalTo("1000000.01"))
                .body("defaultedOn", equalTo(day(DEFAULT_DAY)))
                .body("outstandingAtDefault", equalTo("1500000.00"))
                .body("insurerShare", equalTo("0.6"))
                .body("governmentShare", equalTo("0.2"))
                .body("split", nullValue())
                .body("journalSeq", notNullValue())
                .extract().jsonPath().getLong("id");
        assess(insurer, claim, "1000000.01", day(52))
                .statusCode(200)
                .body("status", equalTo("ASSESSED"))
                .body("assessedOn", equalTo(day(52)))
                .body("split.loss", equalTo("1000000.01"))
                .body("split.insurerPart", equalTo("600000.01"))   // 600000.006, rounded half-up once
                .body("split.governmentPart", equalTo("200000.00")) // 200000.002, rounded half-up once
                .body("split.bankPart", equalTo("200000.00"));      // the remainder: the three add up to the loss
        given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON)
                .body(Map.of("paidOn", day(53), "amount", "600000.01")).post("/api/v1/claims/{id}/payment", claim)
                .then().statusCode(200).body("status", equalTo("PAID")).body("paidOn", equalTo(day(53)))
                .body("paidAmount", equalTo("600000.01"));
        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/claims/{id}", claim)
                .then().statusCode(200).body("status", equalTo("PAID")).body("split.bankPart", equalTo("200000.00"));
    }

    @Test
    void aClaimOnALoanThatIsNotDefaultedIsRefusedAndRecordsNothing() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        policy(insurer, s.loan(), "0.6", "0.2");
        fileClaim(s.bank(), s.loan(), "1000.00")
                .statusCode(409).contentType(PROBLEM).body("code", equalTo("loan-not-defaulted"))
                .body("status", equalTo("ACTIVE"));
        given().auth().oauth2(Tokens.bank(s.bank())).queryParam("loanId", s.loan()).get("/api/v1/claims")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aClaimOnADefaultedLoanWithoutALivePolicyIs422() {
        SecuredLoan s = InsuranceFixtures.defaultedLoan("1000000.00");
        fileClaim(s.bank(), s.loan(), "1000.00").statusCode(422).body("code", equalTo("loan-not-insured"));
    }

    @Test
    void aDefaultOutsideThePolicyTermIsNotCovered() {
        SecuredLoan s = InsuranceFixtures.defaultedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        Map<String, Object> body = InsuranceFixtures.policyBody(insurer, s.loan(), "0.6", "0.2");
        body.put("startsOn", day(DEFAULT_DAY + 1));
        InsuranceFixtures.postPolicy(insurer, body).statusCode(201);
        fileClaim(s.bank(), s.loan(), "1000.00").statusCode(422).body("code", equalTo("default-outside-policy-term"));
    }

    @Test
    void aClaimAboveTheOutstandingAtDefaultIs422() {
        SecuredLoan s = InsuranceFixtures.defaultedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        policy(insurer, s.loan(), "0.6", "0.2");
        fileClaim(s.bank(), s.loan(), "1000000.01")
                .statusCode(422).body("code", equalTo("claim-exceeds-outstanding"))
                .body("errors[0].field", equalTo("amountClaimed"));
        fileClaim(s.bank(), s.loan(), "-5.00").statusCode(400).body("errors[0].field", equalTo("amountClaimed"));
    }

    @Test
    void anAssessmentAboveTheOutstandingAtDefaultIs422AndChangesNothing() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("800000.00");
        InsuranceFixtures.loanEvent(s.bank(), s.loan(), Map.of("kind", "REPAYMENT", "occurredOn", day(30),
                "principalAmount", "100000.00")).statusCode(200);
        InsuranceFixtures.loanEvent(s.bank(), s.loan(), Map.of("kind", "DEFAULT", "occurredOn", day(DEFAULT_DAY)))
                .statusCode(200);
        long insurer = InsuranceFixtures.insurer();
        policy(insurer, s.loan(), "0.6", "0.2");
        long claim = fileClaim(s.bank(), s.loan(), "700000.00")
                .statusCode(201).body("outstandingAtDefault", equalTo("700000.00")).extract().jsonPath().getLong("id");
        assess(insurer, claim, "700000.01", day(52))
                .statusCode(422).contentType(PROBLEM).body("code", equalTo("assessment-exceeds-outstanding"))
                .body("errors[0].field", equalTo("assessedLoss"));
        assess(insurer, claim, "1000.001", day(52)).statusCode(400).body("errors[0].field", equalTo("assessedLoss"));
        assess(insurer, claim, "1000.00", day(DEFAULT_DAY)).statusCode(400).body("errors[0].field", equalTo("assessedOn"));
        given().auth().oauth2(Tokens.insurer(insurer)).get("/api/v1/claims/{id}", claim)
                .then().statusCode(200).body("status", equalTo("FILED")).body("split", nullValue());
        assess(insurer, claim, "700000.00", day(52))
                .statusCode(200).body("split.insurerPart", equalTo("420000.00")).body("split.bankPart", equalTo("140000.00"));
    }

    @Test
    void wrongClaimStateTransitionsAre409() {
        SecuredLoan s = InsuranceFixtures.defaultedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        policy(insurer, s.loan(), "0.6", "0.2");
        long claim = claim(s.bank(), s.loan(), "500000.00");
        pay(insurer, claim, day(53)).statusCode(409).contentType(PROBLEM).body("code", equalTo("claim-state-conflict"))
                .body("status", equalTo("FILED"));
        assess(insurer, claim, "500000.00", day(52)).statusCode(200);
        assess(insurer, claim, "400000.00", day(52)).statusCode(409).body("code", equalTo("claim-state-conflict"));
        reject(insurer, claim, day(53)).statusCode(409).body("code", equalTo("claim-state-conflict"));
        pay(insurer, claim, day(53)).statusCode(200);
        pay(insurer, claim, day(54)).statusCode(409).body("status", equalTo("PAID"));
        reject(insurer, claim, day(54)).statusCode(409);
        assess(insurer, claim, "500000.00", day(54)).statusCode(409);

        SecuredLoan r = InsuranceFixtures.defaultedLoan("1000000.00");
        policy(insurer, r.loan(), "0.6", "0.2");
        long rejected = claim(r.bank(), r.loan(), "500000.00");
        reject(insurer, rejected, day(52)).statusCode(200).body("status", equalTo("REJECTED"))
                .body("rejectionReason", notNullValue());
        assess(insurer, rejected, "500000.00", day(53)).statusCode(409).body("status", equalTo("REJECTED"));
        pay(insurer, rejected, day(53)).statusCode(409);
        reject(insurer, rejected, day(53)).statusCode(409);
    }

    @Test
    void aLoanHasOneOpenClaimAndARejectedOneMayBeFiledAgain() {
        SecuredLoan s = InsuranceFixtures.defaultedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        policy(insurer, s.loan(), "0.6", "0.2");
        long first = claim(s.bank(), s.loan(), "500000.00");
        fileClaim(s.bank(), s.loan(), "400000.00").statusCode(409).body("code", equalTo("claim-already-filed"))
                .body("claimId", equalTo((int) first));
        reject(insurer, first, day(52)).statusCode(200);
        fileClaim(s.bank(), s.loan(), "400000.00").statusCode(201).body("status", equalTo("FILED"));
    }

    @Test
    void aWrittenOffLoanMayBeClaimedAndItsPolicyThenCannotBeCancelled() {
        SecuredLoan s = InsuranceFixtures.defaultedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        long policy = policy(insurer, s.loan(), "0.5", "0.3");
        InsuranceFixtures.loanEvent(s.bank(), s.loan(), Map.of("kind", "WRITE_OFF", "occurredOn", day(DEFAULT_DAY + 1)))
                .statusCode(200);
        long claim = claim(s.bank(), s.loan(), "1000000.00");
        given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON)
                .body(Map.of("cancelledOn", day(52), "reason", "退保")).post("/api/v1/policies/{id}/cancellation", policy)
                .then().statusCode(409).body("code", equalTo("policy-has-claims"));
        assess(insurer, claim, "999999.99", day(52)).statusCode(200)
                .body("split.insurerPart", equalTo("500000.00"))   // 499999.995
                .body("split.governmentPart", equalTo("300000.00")) // 299999.997
                .body("split.bankPart", equalTo("199999.99"));
    }

    @Test
    void thePaymentConfirmedMustBeTheInsurersPart() {
        SecuredLoan s = InsuranceFixtures.defaultedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        policy(insurer, s.loan(), "0.6", "0.2");
        long claim = claim(s.bank(), s.loan(), "100000.00");
        assess(insurer, claim, "100000.00", day(52)).statusCode(200);
        given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON)
                .body(Map.of("paidOn", day(53), "amount", "80000.00")).post("/api/v1/claims/{id}/payment", claim)
                .then().statusCode(422).body("code", equalTo("payment-mismatch")).body("errors[0].field", equalTo("amount"));
        pay(insurer, claim, day(51)).statusCode(400).body("errors[0].field", equalTo("paidOn"));
    }

    @Test
    void aBankCannotSeeOrFileAnotherBanksClaimsNorAnotherInsurerDecideThem() {
        SecuredLoan s = InsuranceFixtures.defaultedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        long rivalInsurer = InsuranceFixtures.insurer();
        long rivalBank = Fixtures.bank();
        policy(insurer, s.loan(), "0.6", "0.2");

        fileClaim(rivalBank, s.loan(), "1000.00").statusCode(422).body("code", equalTo("unknown-loan"));
        given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON)
                .body(Map.of("loanId", s.loan(), "amountClaimed", "1000.00", "filedOn", day(51)))
                .post("/api/v1/claims").then().statusCode(403);
        long claim = claim(s.bank(), s.loan(), "1000.00");

        given().auth().oauth2(Tokens.bank(rivalBank)).get("/api/v1/claims/{id}", claim).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(Tokens.insurer(rivalInsurer)).get("/api/v1/claims/{id}", claim).then().statusCode(404);
        given().auth().oauth2(Tokens.bank(rivalBank)).queryParam("size", 200).get("/api/v1/claims")
                .then().statusCode(200).body("items.id", not(hasItem((int) claim)));
        given().auth().oauth2(Tokens.insurer(rivalInsurer)).queryParam("loanId", s.loan()).get("/api/v1/claims")
                .then().statusCode(200).body("total", equalTo(0));
        assess(rivalInsurer, claim, "1000.00", day(52)).statusCode(404);
        given().auth().oauth2(Tokens.bank(s.bank())).contentType(ContentType.JSON)
                .body(Map.of("assessedLoss", "1000.00", "assessedOn", day(52)))
                .post("/api/v1/claims/{id}/assessment", claim).then().statusCode(403);

        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/claims/{id}", claim).then().statusCode(200);
        given().auth().oauth2(Tokens.insurer(insurer)).queryParam("loanId", s.loan()).get("/api/v1/claims")
                .then().statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/claims/{id}", claim).then().statusCode(200)
                .body("loan.lender.id", equalTo((int) s.bank()));
    }
}
