package org.ipledger.testsupport;

import io.restassured.http.ContentType;
import org.ipledger.party.CreditCode;
import org.ipledger.registry.RegistryNumbers;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/**
 * Creates parties and assets through the API, each with fresh valid identifiers, so tests never
 * collide with one another in the shared test database.
 */
public final class Fixtures {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() % 1_000_000);

    private Fixtures() {
    }

    /** A valid unified social credit code never used before in this run. */
    public static String creditCode() {
        String body = String.format("913205%011d", SERIAL.incrementAndGet() % 100_000_000_000L);
        return body + CreditCode.checkCharacter(body);
    }

    /** A valid invention patent application number filed in 2020, never used before in this run. */
    public static String inventionNumber() {
        return patentNumber("20201", SERIAL.incrementAndGet() % 10_000_000);
    }

    public static String utilityModelNumber() {
        return patentNumber("20212", SERIAL.incrementAndGet() % 10_000_000);
    }

    public static String patentNumber(String yearAndType, long serial) {
        String digits = yearAndType + String.format("%07d", serial);
        return digits + "." + RegistryNumbers.patentCheckCharacter(digits);
    }

    public static long enterprise() {
        return party(Map.of("kind", "ENTERPRISE", "name", "苏州测试科技有限公司", "creditCode", creditCode(),
                "district", "SUZHOU_INDUSTRIAL_PARK", "industry", "NANOTECHNOLOGY"));
    }

    public static long bank() {
        return party(Map.of("kind", "BANK", "name", "苏州测试银行", "creditCode", creditCode()));
    }

    public static long party(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/parties").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** A VALID invention patent granted in 2022, held by the given parties. */
    public static long invention(long... holders) {
        return asset(Map.of("kind", "INVENTION_PATENT", "registryNumber", inventionNumber(), "title", "一种纳米材料的制备方法",
                "holderIds", ids(holders), "filingDate", "2020-03-15", "grantDate", "2022-06-01"));
    }

    public static long asset(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/assets").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static void legalEvent(long assetId, String kind, String occurredOn) {
        given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "occurredOn", occurredOn))
                .post("/api/v1/assets/{id}/legal-events", assetId).then().statusCode(201);
    }

    /** A pledge body for a term from today for two years. */
    public static Map<String, Object> pledgeBody(long pledgor, long bank, long... assets) {
        LocalDate today = LocalDate.now();
        return Map.of("pledgorIds", List.of(pledgor), "pledgeeId", bank, "assetIds", ids(assets),
                "securedAmount", "5000000.00", "termStartsOn", today.toString(),
                "termEndsOn", today.plusYears(2).toString());
    }

    /** Files a pledge as the bank and returns its id. */
    public static long pledge(long pledgor, long bank, long... assets) {
        return given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(pledgeBody(pledgor, bank, assets))
                .post("/api/v1/pledges").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    // ---- helpers added for the registry, collateral-status and pledge-rule tests ----------------

    /** Today as the service sees it (it dates everything in UTC). */
    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** The 12 digits (year, type, serial) of a fresh patent number; type 1 invention, 2 utility model, 3 design. */
    public static String patentDigits(int year, char type) {
        return String.format("%04d%c%07d", year, type, SERIAL.incrementAndGet() % 10_000_000);
    }

    /** The canonical form the service answers with: 12 digits, a dot and the check character. */
    public static String canonicalPatent(String digits) {
        return digits + "." + RegistryNumbers.patentCheckCharacter(digits);
    }

    /** A trademark registration number (digits only) never used before in this run. */
    public static String trademarkNumber() {
        return String.valueOf(30_000_000L + SERIAL.incrementAndGet() % 1_000_000_000L);
    }

    /** An IP office pledge registration number never used before in this run. */
    public static String officeNumber() {
        return "Y" + today().getYear() + "98" + String.format("%07d", SERIAL.incrementAndGet() % 10_000_000);
    }

    /** A body for POST /api/v1/assets; a mutable map, so a test can change or drop a field. */
    public static Map<String, Object> assetBody(String kind, String registryNumber, String filingDate, String grantDate,
                                                long... holders) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("registryNumber", registryNumber);
        body.put("title", "测试资产 " + registryNumber);
        body.put("holderIds", ids(holders));
        body.put("filingDate", filingDate);
        if (grantDate != null) {
            body.put("grantDate", grantDate);
        }
        return body;
    }

    /** A VALID invention patent body (filed 2020-03-15, granted 2022-06-01) with a fresh number. */
    public static Map<String, Object> inventionBody(long... holders) {
        return assetBody("INVENTION_PATENT", inventionNumber(), "2020-03-15", "2022-06-01", holders);
    }

    /** A VALID utility model filed on the given day (the law gives it 10 years from filing), granted a year later. */
    public static long utilityModel(LocalDate filedOn, long... holders) {
        String number = canonicalPatent(patentDigits(filedOn.getYear(), '2'));
        LocalDate granted = filedOn.plusYears(1);
        return asset(assetBody("UTILITY_MODEL", number, filedOn.toString(),
                (granted.isAfter(today()) ? today() : granted).toString(), holders));
    }

    /** A registered (VALID) trademark of the given similar-mark group (null for none). */
    public static long trademark(String markGroup, long... holders) {
        Map<String, Object> body = assetBody("TRADEMARK", trademarkNumber(), "2018-02-01", "2019-08-07", holders);
        if (markGroup != null) {
            body.put("markGroup", markGroup);
        }
        return asset(body);
    }

    /** Records an appraisal as the registrar; amount as a decimal string. */
    public static void valuation(long assetId, String amount, String valuedOn) {
        given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON)
                .body(Map.of("appraiser", "苏州资产评估有限公司", "amount", amount, "valuedOn", valuedOn, "method", "INCOME"))
                .post("/api/v1/assets/{id}/valuations", assetId).then().statusCode(201);
    }

    /** The office registers a PENDING pledge under the given office number: it becomes ACTIVE. */
    public static void registerPledge(long pledgeId, String officeNumber) {
        given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON)
                .body(Map.of("officeNumber", officeNumber, "registeredOn", today().toString()))
                .post("/api/v1/pledges/{id}/registration", pledgeId).then().statusCode(200);
    }

    public static List<Long> ids(long... ids) {
        return java.util.Arrays.stream(ids).boxed().toList();
    }
}
