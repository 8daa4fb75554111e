package org.ipledger.insurance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.InsuranceFixtures;
import org.ipledger.testsupport.InsuranceFixtures.SecuredLoan;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.ipledger.testsupport.InsuranceFixtures.day;
import static org.ipledger.testsupport.InsuranceFixtures.policy;
import static org.ipledger.testsupport.InsuranceFixtures.policyBody;
import static org.ipledger.testsupport.InsuranceFixtures.postPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class PolicyResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void anInsurerRecordsAPolicyOnALoanAndTheLendingBankSeesIt() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("2000000.00");
        long insurer = InsuranceFixtures.insurer();
        Map<String, Object> body = policyBody(insurer, s.loan(), "0.6", "0.2");
        long id = postPolicy(insurer, body)
                .statusCode(201).contentType(ContentType.JSON)
                .body("policyNumber", equalTo(body.get("policyNumber")))
                .body("insurer.id", equalTo((int) insurer))
                .body("loan.id", equalTo((int) s.loan()))
                .body("loan.lender.id", equalTo((int) s.bank()))
                .body("loan.borrower.id", equalTo((int) s.borrower()))
                .body("insurerShare", equalTo("0.6"))
                .body("governmentShare", equalTo("0.2"))
                .body("bankShare", equalTo("0.2"))
                .body("premium", equalTo("15000.00"))
                .body("startsOn", equalTo(day(0)))
                .body("status", equalTo("ACTIVE"))
                .body("journalSeq", notNullValue())
                .extract().jsonPath().getLong("id");
        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/policies/{id}", id)
                .then().statusCode(200).body("insurerShare", equalTo("0.6")).body("journalSeq", nullValue());
        given().auth().oauth2(Tokens.bank(s.bank())).queryParam("loanId", s.loan()).get("/api/v1/policies")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo((int) id));
    }

    @Test
    void sharesThatAddUpToMoreThanOneAre400NamingGovernmentShareAndRecordNothing() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        postPolicy(insurer, policyBody(insurer, s.loan(), "0.7", "0.4"))
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("governmentShare"));
        given().auth().oauth2(Tokens.regulator()).queryParam("loanId", s.loan()).get("/api/v1/policies")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aShareOutsideZeroToOneOrFinerThanSixDecimalsIs400NamingTheShare() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        postPolicy(insurer, policyBody(insurer, s.loan(), "1.2", null))
                .statusCode(400).body("errors[0].field", equalTo("insurerShare"));
        postPolicy(insurer, policyBody(insurer, s.loan(), "0.6", "-0.1"))
                .statusCode(400).body("errors[0].field", equalTo("governmentShare"));
        postPolicy(insurer, policyBody(insurer, s.loan(), "0.1234567", null))
                .statusCode(400).body("errors[0].field", equalTo("insurerShare"));
    }

    @Test
    void theGovernmentShareDefaultsToZeroAndTheBankBearsTheRest() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        postPolicy(insurer, policyBody(insurer, s.loan(), "0.7", null))
                .statusCode(201).body("governmentShare", equalTo("0")).body("bankShare", equalTo("0.3"));
    }

    @Test
    void thePremiumMayBeZeroButNotNegativeNorFinerThanAFen() {
        long insurer = InsuranceFixtures.insurer();
        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        Map<String, Object> body = policyBody(insurer, s.loan(), "0.6", "0.2");
        body.put("premium", "-1.00");
        postPolicy(insurer, body).statusCode(400).body("errors[0].field", equalTo("premium"));
        body.put("premium", "100.001");
        postPolicy(insurer, body).statusCode(400).body("errors[0].field", equalTo("premium"));
        body.put("premium", "0");
        postPolicy(insurer, body).statusCode(201).body("premium", equalTo("0.00"));
    }

    @Test
    void thePolicyTermMustEndAfterItStarts() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        Map<String, Object> body = policyBody(insurer, s.loan(), "0.6", "0.2");
        body.put("endsOn", day(0));
        postPolicy(insurer, body).statusCode(400).body("errors[0].field", equalTo("endsOn"));
    }

    @Test
    void aSecondLivePolicyOnALoanIs409UntilTheFirstIsCancelled() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        long first = InsuranceFixtures.insurer();
        long second = InsuranceFixtures.insurer();
        long policy = policy(first, s.loan(), "0.6", "0.2");
        postPolicy(second, policyBody(second, s.loan(), "0.5", null))
                .statusCode(409).contentType(PROBLEM).body("code", equalTo("loan-already-insured"));
        postPolicy(first, policyBody(first, s.loan(), "0.6", "0.2"))
                .statusCode(409).body("code", equalTo("loan-already-insured"));
        // another insurer cannot cancel it, nor can the bank
        given().auth().oauth2(Tokens.insurer(second)).contentType(ContentType.JSON)
                .body(Map.of("cancelledOn", day(1), "reason", "误录")).post("/api/v1/policies/{id}/cancellation", policy)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.bank(s.bank())).contentType(ContentType.JSON)
                .body(Map.of("cancelledOn", day(1), "reason", "误录")).post("/api/v1/policies/{id}/cancellation", policy)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.insurer(first)).contentType(ContentType.JSON)
                .body(Map.of("cancelledOn", day(1), "reason", "投保人退保")).post("/api/v1/policies/{id}/cancellation", policy)
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("cancelledOn", equalTo(day(1)));
        given().auth().oauth2(Tokens.insurer(first)).contentType(ContentType.JSON)
                .body(Map.of("cancelledOn", day(2), "reason", "再次退保")).post("/api/v1/policies/{id}/cancellation", policy)
                .then().statusCode(409).body("code", equalTo("policy-state-conflict"));
        postPolicy(second, policyBody(second, s.loan(), "0.5", null)).statusCode(201);
    }

    @Test
    void eightInsurersRacingToCoverOneLoanGiveExactlyOneLivePolicy() throws Exception {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        List<Long> insurers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            insurers.add(InsuranceFixtures.insurer());
        }
        ExecutorService pool = Executors.newFixedThreadPool(insurers.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (long insurer : insurers) {
            Map<String, Object> body = policyBody(insurer, s.loan(), "0.6", "0.2");
            answers.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON).body(body)
                        .post("/api/v1/policies");
            }));
        }
        start.countDown();
        int created = 0;
        int conflicts = 0;
        for (Future<Response> f : answers) {
            Response r = f.get(60, TimeUnit.SECONDS);
            if (r.statusCode() == 201) {
                created++;
            } else if (r.statusCode() == 409 && "loan-already-insured".equals(r.jsonPath().getString("code"))) {
                conflicts++;
            }
        }
        pool.shutdown();
        assertEquals(1, created, "exactly one policy wins");
        assertEquals(insurers.size() - 1, conflicts, "every other insurer gets 409 loan-already-insured");
        given().auth().oauth2(Tokens.regulator()).queryParam("loanId", s.loan()).get("/api/v1/policies")
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aPolicyNumberIsRecordedOnce() {
        long insurer = InsuranceFixtures.insurer();
        SecuredLoan a = InsuranceFixtures.disbursedLoan("1000000.00");
        SecuredLoan b = InsuranceFixtures.disbursedLoan("1000000.00");
        Map<String, Object> body = policyBody(insurer, a.loan(), "0.6", "0.2");
        postPolicy(insurer, body).statusCode(201);
        body.put("loanId", b.loan());
        postPolicy(insurer, body).statusCode(409).body("code", equalTo("duplicate-policy-number"));
    }

    @Test
    void aClosedLoanCannotBeInsuredAndAnUnknownOneIs422() {
        SecuredLoan s = InsuranceFixtures.defaultedLoan("1000000.00");
        InsuranceFixtures.loanEvent(s.bank(), s.loan(), Map.of("kind", "WRITE_OFF", "occurredOn", day(55))).statusCode(200);
        long insurer = InsuranceFixtures.insurer();
        postPolicy(insurer, policyBody(insurer, s.loan(), "0.6", "0.2"))
                .statusCode(409).body("code", equalTo("loan-closed"));
        postPolicy(insurer, policyBody(insurer, Long.MAX_VALUE, "0.6", "0.2"))
                .statusCode(422).body("code", equalTo("unknown-loan")).body("errors[0].field", equalTo("loanId"));
    }

    @Test
    void onlyTheInsurerItselfRecordsItsPolicies() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        long other = InsuranceFixtures.insurer();
        given().auth().oauth2(Tokens.insurer(other)).contentType(ContentType.JSON)
                .body(policyBody(insurer, s.loan(), "0.6", "0.2")).post("/api/v1/policies")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(Tokens.bank(s.bank())).contentType(ContentType.JSON)
                .body(policyBody(insurer, s.loan(), "0.6", "0.2")).post("/api/v1/policies")
                .then().statusCode(403);
        // a token claiming to be an insurer for a party that is a bank
        postPolicy(s.bank(), policyBody(s.bank(), s.loan(), "0.6", "0.2"))
                .statusCode(422).body("code", equalTo("unknown-or-unfit-party")).body("errors[0].field", equalTo("insurerId"));
    }

    @Test
    void anInsurerCannotReadAnotherInsurersPoliciesNorABankAnotherBanksAndTheRegulatorSeesAll() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        long rivalInsurer = InsuranceFixtures.insurer();
        long rivalBank = Fixtures.bank();
        long policy = policy(insurer, s.loan(), "0.6", "0.2");

        given().auth().oauth2(Tokens.insurer(rivalInsurer)).get("/api/v1/policies/{id}", policy)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(Tokens.bank(rivalBank)).get("/api/v1/policies/{id}", policy)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(Tokens.insurer(rivalInsurer)).queryParam("insurerId", insurer).get("/api/v1/policies")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(Tokens.insurer(rivalInsurer)).queryParam("size", 200).get("/api/v1/policies")
                .then().statusCode(200).body("items.id", not(hasItem((int) policy)));
        given().auth().oauth2(Tokens.bank(rivalBank)).queryParam("loanId", s.loan()).get("/api/v1/policies")
                .then().statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));

        given().auth().oauth2(Tokens.insurer(insurer)).get("/api/v1/policies")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo((int) policy));
        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/policies")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo((int) policy));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/policies/{id}", policy).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).queryParam("insurerId", insurer).get("/api/v1/policies")
                .then().statusCode(200).body("total", equalTo(1));
        given().auth().oauth2(Tokens.lab()).get("/api/v1/policies").then().statusCode(403);
    }

    @Test
    void aPolicysJournalEntryIsReadableByItsInsurerAndBankAndOnlyProvableForOthers() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        long seq = postPolicy(insurer, policyBody(insurer, s.loan(), "0.6", "0.2"))
                .statusCode(201).extract().jsonPath().getLong("journalSeq");
        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/journal/entries/" + seq)
                .then().statusCode(200).body("action", equalTo("POLICY_RECORDED")).body("state.insurerShare", equalTo("0.6"));
        given().auth().oauth2(Tokens.insurer(insurer)).get("/api/v1/journal/entries/" + seq)
                .then().statusCode(200).body("state.policyNumber", notNullValue());
        long treeSize = given().auth().oauth2(Tokens.insurer(insurer)).get("/api/v1/journal/tree-head")
                .then().statusCode(200).extract().jsonPath().getLong("treeSize");
        given().auth().oauth2(Tokens.insurer(insurer)).get("/api/v1/journal/entries/" + seq + "/proof?treeSize=" + treeSize)
                .then().statusCode(200).body("auditPath", notNullValue());
        given().auth().oauth2(Tokens.insurer(InsuranceFixtures.insurer())).get("/api/v1/journal/entries/" + seq)
                .then().statusCode(200).body("$", not(hasKey("state")));
        given().auth().oauth2(Tokens.bank(Fixtures.bank())).get("/api/v1/journal/entries/" + seq)
                .then().statusCode(200).body("action", equalTo("POLICY_RECORDED"))
                .body("$", not(hasKey("state"))).body("$", not(hasKey("leafInput"))).body("leafHash", notNullValue());
        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/assets/{id}/history", s.patent())
                .then().statusCode(200).body("items.action", not(hasItem("POLICY_RECORDED")));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstPolicy() {
        SecuredLoan s = InsuranceFixtures.disbursedLoan("1000000.00");
        long insurer = InsuranceFixtures.insurer();
        Map<String, Object> body = policyBody(insurer, s.loan(), "0.6", "0.2");
        String key = "policy-" + System.nanoTime();
        long id = given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/v1/policies").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/v1/policies").then().statusCode(201).body("id", equalTo((int) id));
        body.put("premium", "1.00");
        given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/v1/policies").then().statusCode(422).body("code", equalTo("idempotency-key-reused"));
    }
}
