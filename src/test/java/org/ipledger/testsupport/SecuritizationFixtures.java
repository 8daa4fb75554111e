package org.ipledger.testsupport;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/**
 * Products over loans recorded through the API. Loans are disbursed on day 0, 100 days ago; products
 * are issued on day 0 and pay monthly, so periods 1 to 3 end 1, 2 and 3 months later, all in the past.
 */
public final class SecuritizationFixtures {

    public static final LocalDate D0 = Fixtures.today().minusDays(100);

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 1_000_000);

    private SecuritizationFixtures() {
    }

    public static String day(int offset) {
        return D0.plusDays(offset).toString();
    }

    /** The end of monthly period n. */
    public static String periodEnd(int n) {
        return D0.plusMonths(n).toString();
    }

    public static long issuer() {
        return Fixtures.party(Map.of("kind", "ISSUER", "name", "测试证券资产管理有限公司", "creditCode", Fixtures.creditCode()));
    }

    public static long trustee() {
        return Fixtures.party(Map.of("kind", "TRUSTEE", "name", "测试信托有限责任公司", "creditCode", Fixtures.creditCode()));
    }

    /** A fresh bank's loan of {@code principal} to a fresh borrower, secured by its patent, disbursed on day 0. */
    public static long loan(long bank, String principal) {
        long borrower = Fixtures.enterprise();
        long patent = Fixtures.invention(borrower);
        long pledge = Fixtures.pledge(borrower, bank, patent);
        Fixtures.registerPledge(pledge, Fixtures.officeNumber());
        long loan = given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("lenderId", bank, "borrowerId", borrower, "principal", principal, "annualRate", "0.0385",
                        "disbursementDate", day(0), "maturityDate", D0.plusYears(2).toString(),
                        "purpose", "研发投入与流动资金", "pledgeIds", List.of(pledge)))
                .post("/api/v1/loans").then().statusCode(201).extract().jsonPath().getLong("id");
        loanEvent(bank, loan, Map.of("kind", "DISBURSEMENT", "occurredOn", day(0), "principalAmount", principal));
        return loan;
    }

    public static void loanEvent(long bank, long loan, Map<String, Object> body) {
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/loans/{id}/events", loan).then().statusCode(200);
    }

    public static void repayment(long bank, long loan, int day, String principal, String interest) {
        loanEvent(bank, loan, Map.of("kind", "REPAYMENT", "occurredOn", day(day), "principalAmount", principal,
                "interestAmount", interest));
    }

    public static Map<String, Object> tranche(String name, int rank, String principal, String coupon, String rating,
                                              boolean subordinated) {
        return Map.of("name", name, "rank", rank, "originalPrincipal", principal, "couponRate", coupon,
                "rating", rating, "subordinated", subordinated);
    }

    /** A monthly product body (mutable) issued on day 0, fees 0.1 % and 0.2 %, trigger 5 %. */
    public static Map<String, Object> productBody(long issuer, long trustee, String mode, List<Long> loans,
                                                  List<Map<String, Object>> tranches) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "苏州知识产权证券化测试专项计划" + SERIAL.incrementAndGet());
        body.put("issuerId", issuer);
        body.put("trusteeId", trustee);
        body.put("legalForm", "ASSET_BACKED_SPECIAL_PLAN");
        body.put("issueDate", day(0));
        body.put("legalMaturity", D0.plusYears(3).toString());
        body.put("paymentFrequency", "MONTHLY");
        body.put("trusteeFeeRate", "0.001");
        body.put("servicingFeeRate", "0.002");
        body.put("principalMode", mode);
        body.put("defaultTrigger", "0.05");
        body.put("loanIds", new ArrayList<>(loans));
        body.put("tranches", tranches);
        return body;
    }

    public static ValidatableResponse postProduct(long issuer, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.issuer(issuer)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/products").then();
    }

    public static ValidatableResponse runPeriod(String token, long product, String periodEnd, boolean dryRun) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("periodEnd", periodEnd, "dryRun", dryRun))
                .post("/api/v1/products/{id}/periods", product).then();
    }
}
