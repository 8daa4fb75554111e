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

    /** A receivable body: a fresh licensee owes {@code amounts}, due 3, 6, 9 ... months after day 0. */
    public static Map<String, Object> receivableBody(long issuer, long licensor, List<Long> assets, String... amounts) {
        List<Map<String, Object>> schedule = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            schedule.add(Map.of("dueOn", D0.plusMonths(3L * (i + 1)).toString(), "amount", amounts[i]));
        }
        Map<String, Object> body = new HashMap<>();
        body.put("issuerId", issuer);
        body.put("licensorId", licensor);
        body.put("obligorId", Fixtures.enterprise());
        body.put("contractNumber", "SZ-LIC-" + SERIAL.incrementAndGet());
        body.put("assetIds", new ArrayList<>(assets));
        body.put("schedule", schedule);
        return body;
    }

    public static ValidatableResponse postReceivable(long issuer, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.issuer(issuer)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/receivables").then();
    }

    /** A licence receivable of a fresh licensor on a fresh patent of its own; returns its id. */
    public static long receivable(long issuer, String... amounts) {
        long licensor = Fixtures.enterprise();
        long patent = Fixtures.invention(licensor);
        return postReceivable(issuer, receivableBody(issuer, licensor, List.of(patent), amounts)).statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    public static ValidatableResponse receipt(String token, long receivable, int day, String amount, String reference) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("receivedOn", day(day), "amount", amount, "reference", reference))
                .post("/api/v1/receivables/{id}/receipts", receivable).then();
    }

    public static ValidatableResponse writeOff(String token, long receivable, int day, String reason) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("writtenOffOn", day(day), "reason", reason))
                .post("/api/v1/receivables/{id}/write-off", receivable).then();
    }

    public static ValidatableResponse runPeriod(String token, long product, String periodEnd, boolean dryRun) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("periodEnd", periodEnd, "dryRun", dryRun))
                .post("/api/v1/products/{id}/periods", product).then();
    }
}
