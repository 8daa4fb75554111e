package org.ipledger.testsupport;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/**
 * Loans, policies and claims through the API, each on fresh parties, for the insurance tests. Loans are
 * disbursed 60 days ago (day 0) and default on day 50; policies run from day 0 for two years.
 */
public final class InsuranceFixtures {

    public static final LocalDate START = Fixtures.today().minusDays(60);
    public static final int DEFAULT_DAY = 50;

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 1_000_000);

    private InsuranceFixtures() {
    }

    /** Day {@code offset} of the loans made here, as YYYY-MM-DD. */
    public static String day(int offset) {
        return START.plusDays(offset).toString();
    }

    /** A loan and what secures it: the borrower's patent, pledged (ACTIVE) to the lending bank. */
    public record SecuredLoan(long borrower, long bank, long patent, long pledge, long loan) {
    }

    public static long insurer() {
        return Fixtures.party(Map.of("kind", "INSURER", "name", "测试财产保险苏州分公司", "creditCode", Fixtures.creditCode()));
    }

    /** A fresh bank's loan of {@code principal}, disbursed in full on day 0. */
    public static SecuredLoan disbursedLoan(String principal) {
        return disbursedLoan(Fixtures.bank(), principal);
    }

    /** The bank's loan of {@code principal} to a fresh borrower, secured by its patent, disbursed in full on day 0. */
    public static SecuredLoan disbursedLoan(long bank, String principal) {
        long borrower = Fixtures.enterprise();
        long patent = Fixtures.invention(borrower);
        long pledge = Fixtures.pledge(borrower, bank, patent);
        Fixtures.registerPledge(pledge, Fixtures.officeNumber());
        long loan = given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("lenderId", bank, "borrowerId", borrower, "principal", principal, "annualRate", "0.0385",
                        "disbursementDate", day(0), "maturityDate", START.plusYears(1).toString(),
                        "purpose", "研发投入与流动资金", "pledgeIds", List.of(pledge)))
                .post("/api/v1/loans").then().statusCode(201).extract().jsonPath().getLong("id");
        loanEvent(bank, loan, Map.of("kind", "DISBURSEMENT", "occurredOn", day(0), "principalAmount", principal))
                .statusCode(200);
        return new SecuredLoan(borrower, bank, patent, pledge, loan);
    }

    /** A fresh bank's loan of {@code principal}, disbursed on day 0, defaulted on day 50 with all of it outstanding. */
    public static SecuredLoan defaultedLoan(String principal) {
        return defaultedLoan(Fixtures.bank(), principal);
    }

    public static SecuredLoan defaultedLoan(long bank, String principal) {
        SecuredLoan s = disbursedLoan(bank, principal);
        loanEvent(bank, s.loan(), Map.of("kind", "DEFAULT", "occurredOn", day(DEFAULT_DAY))).statusCode(200);
        return s;
    }

    public static ValidatableResponse loanEvent(long bank, long loan, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/loans/{id}/events", loan).then();
    }

    public static String policyNumber() {
        return "PICC-SZ-TEST-" + SERIAL.incrementAndGet();
    }

    /** A policy body (mutable) from day 0 for two years, premium 15000.00; a null governmentShare is left out. */
    public static Map<String, Object> policyBody(long insurer, long loan, String insurerShare, String governmentShare) {
        Map<String, Object> body = new HashMap<>();
        body.put("policyNumber", policyNumber());
        body.put("insurerId", insurer);
        body.put("loanId", loan);
        body.put("insurerShare", insurerShare);
        if (governmentShare != null) {
            body.put("governmentShare", governmentShare);
        }
        body.put("premium", "15000.00");
        body.put("startsOn", day(0));
        body.put("endsOn", START.plusYears(2).toString());
        return body;
    }

    public static ValidatableResponse postPolicy(long insurer, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/policies").then();
    }

    /** Records a policy as the insurer and returns its id. */
    public static long policy(long insurer, long loan, String insurerShare, String governmentShare) {
        return postPolicy(insurer, policyBody(insurer, loan, insurerShare, governmentShare))
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    /** The bank files a claim on its loan on day 51. */
    public static ValidatableResponse fileClaim(long bank, long loan, String amountClaimed) {
        return given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("loanId", loan, "amountClaimed", amountClaimed, "filedOn", day(DEFAULT_DAY + 1)))
                .post("/api/v1/claims").then();
    }

    public static long claim(long bank, long loan, String amountClaimed) {
        return fileClaim(bank, loan, amountClaimed).statusCode(201).extract().jsonPath().getLong("id");
    }

    public static ValidatableResponse assess(long insurer, long claim, String assessedLoss, String assessedOn) {
        return given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON)
                .body(Map.of("assessedLoss", assessedLoss, "assessedOn", assessedOn))
                .post("/api/v1/claims/{id}/assessment", claim).then();
    }

    public static ValidatableResponse pay(long insurer, long claim, String paidOn) {
        return given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON)
                .body(Map.of("paidOn", paidOn))
                .post("/api/v1/claims/{id}/payment", claim).then();
    }

    public static ValidatableResponse reject(long insurer, long claim, String rejectedOn) {
        return given().auth().oauth2(Tokens.insurer(insurer)).contentType(ContentType.JSON)
                .body(Map.of("rejectedOn", rejectedOn, "reason", "借款人违约不属于保险责任范围"))
                .post("/api/v1/claims/{id}/rejection", claim).then();
    }
}
