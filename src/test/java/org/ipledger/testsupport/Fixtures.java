package org.ipledger.testsupport;

import io.restassured.http.ContentType;
import org.ipledger.party.CreditCode;
import org.ipledger.registry.RegistryNumbers;

import java.time.LocalDate;
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

    public static List<Long> ids(long... ids) {
        return java.util.Arrays.stream(ids).boxed().toList();
    }
}
