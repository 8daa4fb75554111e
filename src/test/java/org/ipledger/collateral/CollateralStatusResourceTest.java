package org.ipledger.collateral;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.ipledger.registry.RegistryNumbers;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CollateralStatusResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private static ValidatableResponse statusOf(long assetId, String token) {
        return given().auth().oauth2(token).queryParam("assetId", assetId).get("/api/v1/collateral-status").then();
    }

    private static ValidatableResponse batch(String token, List<Map<String, Object>> assets) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("assets", assets))
                .post("/api/v1/collateral-status/batch").then();
    }

    @Test
    void byKindAndNumberWrittenInANonCanonicalForm() {
        long holder = Fixtures.enterprise();
        long bank = Fixtures.bank();
        String digits = Fixtures.patentDigits(2020, '1');
        char check = RegistryNumbers.patentCheckCharacter(digits);
        long patent = Fixtures.asset(Fixtures.assetBody("INVENTION_PATENT", digits + "." + check, "2020-03-15",
                "2022-06-01", holder));
        given().auth().oauth2(Tokens.bank(bank))
                .queryParam("kind", "INVENTION_PATENT")
                .queryParam("number", "ZL " + digits.substring(0, 4) + " " + digits.substring(4) + " . " + check)
                .get("/api/v1/collateral-status")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("assetId", equalTo((int) patent))
                .body("registryNumber", equalTo(digits + "." + check))
                .body("kind", equalTo("INVENTION_PATENT"));
    }

    @Test
    void freeAssetIsFreeToPledgeWithHoldersLifeAndLatestValuation() {
        long first = Fixtures.enterprise();
        long second = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(first, second);
        Fixtures.valuation(patent, "12500000.00", "2025-06-01");
        // recorded later, but valued earlier: the later valuation date wins
        Fixtures.valuation(patent, "9000000", "2024-01-15");
        statusOf(patent, Tokens.bank(bank))
                .statusCode(200).contentType(ContentType.JSON)
                .body("assetId", equalTo((int) patent))
                .body("legalStatus", equalTo("VALID"))
                .body("expiresOn", equalTo("2040-03-14"))
                .body("remainingLifeDays", greaterThan(0))
                .body("freeToPledge", equalTo(true))
                .body("reasons", empty())
                .body("encumbrances", empty())
                .body("livePledge", nullValue())
                .body("holders.id", equalTo(List.of((int) first, (int) second)))
                .body("latestValuation.amount", equalTo("12500000.00"))
                .body("latestValuation.valuedOn", equalTo("2025-06-01"))
                .body("latestValuation.method", equalTo("INCOME"))
                .body("checkedAt", notNullValue());
    }

    @Test
    void remainingLifeIsDaysUntilExpiry() {
        long holder = Fixtures.enterprise();
        // a utility model filed 9 years ago runs for one more year (10 years from filing)
        java.time.LocalDate filed = Fixtures.today().minusYears(9);
        long model = Fixtures.utilityModel(filed, holder);
        long expected = java.time.temporal.ChronoUnit.DAYS.between(Fixtures.today(), filed.plusYears(10).minusDays(1));
        statusOf(model, Tokens.regulator()).statusCode(200)
                .body("expiresOn", equalTo(filed.plusYears(10).minusDays(1).toString()))
                .body("remainingLifeDays", equalTo((int) expected));
    }

    @Test
    void pledgedAssetIsNotFreeAndShowsTheLivePledge() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long rival = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        long pledge = Fixtures.pledge(pledgor, bank, patent);
        String ledgerNumber = given().auth().oauth2(Tokens.regulator()).get("/api/v1/pledges/{id}", pledge)
                .then().statusCode(200).extract().jsonPath().getString("ledgerNumber");
        statusOf(patent, Tokens.bank(rival))
                .statusCode(200)
                .body("freeToPledge", equalTo(false))
                .body("reasons.code", equalTo(List.of("already-pledged")))
                .body("livePledge.ledgerNumber", equalTo(ledgerNumber))
                .body("livePledge.status", equalTo("PENDING"))
                .body("livePledge.pledgee.id", equalTo((int) bank))
                .body("livePledge.since", notNullValue())
                .body("livePledge.securedAmount", nullValue());
        statusOf(patent, Tokens.bank(bank))
                .statusCode(200)
                .body("livePledge.securedAmount", equalTo("5000000.00"));

        String office = Fixtures.officeNumber();
        Fixtures.registerPledge(pledge, office);
        statusOf(patent, Tokens.regulator())
                .statusCode(200)
                .body("freeToPledge", equalTo(false))
                .body("livePledge.status", equalTo("ACTIVE"))
                .body("livePledge.officeNumber", equalTo(office))
                .body("livePledge.registeredOn", equalTo(Fixtures.today().toString()));
    }

    @Test
    void frozenAssetIsNotFreeForCourtFreeze() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        Fixtures.legalEvent(patent, "COURT_FREEZE", "2025-01-10");
        statusOf(patent, Tokens.regulator())
                .statusCode(200)
                .body("freeToPledge", equalTo(false))
                .body("reasons.code", equalTo(List.of("court-freeze")))
                .body("encumbrances", equalTo(List.of("COURT_FREEZE")));
    }

    @Test
    void assetUnderInvalidationProceedingsIsNotFree() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        Fixtures.legalEvent(patent, "INVALIDATION_REQUESTED", "2025-02-01");
        statusOf(patent, Tokens.regulator())
                .statusCode(200)
                .body("freeToPledge", equalTo(false))
                .body("reasons.code", equalTo(List.of("invalidation-proceedings")))
                .body("legalStatus", equalTo("VALID"));
    }

    @Test
    void lapsedAssetIsNotFreeAndEveryReasonIsGiven() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        Fixtures.pledge(pledgor, bank, patent);
        Fixtures.legalEvent(patent, "OWNERSHIP_DISPUTE_FILED", "2025-03-01");
        Fixtures.legalEvent(patent, "FEE_UNPAID", "2025-03-16");
        statusOf(patent, Tokens.regulator())
                .statusCode(200)
                .body("legalStatus", equalTo("LAPSED"))
                .body("freeToPledge", equalTo(false))
                .body("reasons.code", hasItem("already-pledged"))
                .body("reasons.code", hasItem("not-valid"))
                .body("reasons.code", hasItem("ownership-dispute"));
    }

    @Test
    void unknownAssetIs404Problem() {
        statusOf(987_654_321L, Tokens.regulator())
                .statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("not-found"));
        given().auth().oauth2(Tokens.regulator())
                .queryParam("kind", "INVENTION_PATENT")
                .queryParam("number", Fixtures.canonicalPatent(Fixtures.patentDigits(2019, '1')))
                .get("/api/v1/collateral-status")
                .then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("not-found"));
    }

    @Test
    void neitherIdNorNumberIs400() {
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/collateral-status")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem("assetId"));
    }

    @Test
    void kindWithoutNumberIs400NamingNumber() {
        given().auth().oauth2(Tokens.regulator()).queryParam("kind", "INVENTION_PATENT").get("/api/v1/collateral-status")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("number"));
    }

    @Test
    void badNumberIs400NamingNumber() {
        String digits = Fixtures.patentDigits(2020, '1');
        char right = RegistryNumbers.patentCheckCharacter(digits);
        given().auth().oauth2(Tokens.regulator())
                .queryParam("kind", "INVENTION_PATENT")
                .queryParam("number", digits + "." + (right == '1' ? '2' : '1'))
                .get("/api/v1/collateral-status")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("number"))
                .body("errors[0].message", containsString("'" + right + "'"));
    }

    @Test
    void unknownKindIs400NamingKind() {
        given().auth().oauth2(Tokens.regulator())
                .queryParam("kind", "PATENT")
                .queryParam("number", Fixtures.inventionNumber())
                .get("/api/v1/collateral-status")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("kind"));
    }

    @Test
    void nonNumericAssetIdIs400NamingAssetId() {
        given().auth().oauth2(Tokens.regulator()).queryParam("assetId", "12x").get("/api/v1/collateral-status")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("assetId"));
    }

    @Test
    void batchIsAnsweredInRequestOrderWithPerItemErrors() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        String digits = Fixtures.patentDigits(2020, '1');
        char right = RegistryNumbers.patentCheckCharacter(digits);
        Map<String, Object> known = Map.of("assetId", patent);
        Map<String, Object> unknown = Map.of("assetId", 987_654_321L);
        Map<String, Object> badNumber = Map.of("kind", "INVENTION_PATENT", "number", digits + "." + (right == '1' ? '2' : '1'));
        batch(Tokens.regulator(), List.of(unknown, known, badNumber))
                .statusCode(200).contentType(ContentType.JSON)
                .body("results", hasSize(3))
                .body("results.index", equalTo(List.of(0, 1, 2)))
                .body("results[0].query.assetId", equalTo(987_654_321))
                .body("results[0].error", equalTo("not-found"))
                .body("results[0].status", nullValue())
                .body("results[1].error", nullValue())
                .body("results[1].status.assetId", equalTo((int) patent))
                .body("results[1].status.freeToPledge", equalTo(true))
                .body("results[2].status", nullValue())
                .body("results[2].error", containsString("'" + right + "'"));
    }

    @Test
    void batchFindsAssetsByNumberInAnyForm() {
        long holder = Fixtures.enterprise();
        String mark = Fixtures.trademarkNumber();
        long trademark = Fixtures.asset(Fixtures.assetBody("TRADEMARK", mark, "2018-02-01", "2019-08-07", holder));
        String digits = Fixtures.patentDigits(2020, '1');
        char check = RegistryNumbers.patentCheckCharacter(digits);
        long patent = Fixtures.asset(Fixtures.assetBody("INVENTION_PATENT", digits + "." + check, "2020-03-15",
                "2022-06-01", holder));
        batch(Tokens.regulator(), List.of(
                Map.of("kind", "INVENTION_PATENT", "number", "CN" + digits + check),
                Map.of("kind", "TRADEMARK", "number", " " + mark + " "),
                Map.of("assetId", patent)))
                .statusCode(200)
                .body("results.status.assetId", equalTo(List.of((int) patent, (int) trademark, (int) patent)));
    }

    @Test
    void batchOf501Is400NamingAssets() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        List<Map<String, Object>> assets = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            assets.add(Map.of("assetId", patent));
        }
        batch(Tokens.regulator(), assets)
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem("assets"));
    }

    @Test
    void batchOf500IsAnswered() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        List<Map<String, Object>> assets = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            assets.add(Map.of("assetId", patent));
        }
        batch(Tokens.regulator(), assets)
                .statusCode(200)
                .body("results", hasSize(500))
                .body("results[499].index", equalTo(499))
                .body("results[499].status.assetId", equalTo((int) patent));
    }

    @Test
    void batchItemWithNegativeIdIs400NamingItsPath() {
        batch(Tokens.regulator(), List.of(Map.of("assetId", -1)))
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors.field", equalTo(List.of("assets[0].assetId")));
    }

    @Test
    void nullBatchItemIs400NamingIt() {
        given().auth().oauth2(Tokens.regulator()).contentType(ContentType.JSON).body("{\"assets\": [null]}")
                .post("/api/v1/collateral-status/batch")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("assets[0]")));
    }

    @Test
    void batchItemWithNeitherIdNorNumberIsAnItemError() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        Map<String, Object> both = new HashMap<>();
        both.put("assetId", patent);
        both.put("kind", "INVENTION_PATENT");
        both.put("number", Fixtures.inventionNumber());
        batch(Tokens.regulator(), List.of(Map.of(), both, Map.of("assetId", patent)))
                .statusCode(200)
                .body("results[0].error", containsString("either"))
                .body("results[1].error", containsString("either"))
                .body("results[2].status.assetId", equalTo((int) patent));
    }

    @Test
    void labRoleIsForbidden() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        statusOf(patent, Tokens.lab())
                .statusCode(403).contentType(PROBLEM)
                .body("code", equalTo("forbidden"));
        batch(Tokens.lab(), List.of(Map.of("assetId", patent)))
                .statusCode(403).contentType(PROBLEM)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void noTokenIs401() {
        given().queryParam("assetId", 1).get("/api/v1/collateral-status")
                .then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("unauthorized"));
    }
}
