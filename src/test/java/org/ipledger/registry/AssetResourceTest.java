package org.ipledger.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AssetResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private static io.restassured.response.ValidatableResponse post(Object body) {
        return given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/assets").then();
    }

    /** The patent digits written in each of the ways applicants and banks type them. */
    private static List<String> writtenForms(String digits) {
        char check = RegistryNumbers.patentCheckCharacter(digits);
        String year = digits.substring(0, 4);
        String type = digits.substring(4, 5);
        String serial = digits.substring(5);
        String fullWidth = digits.chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０')))
                .reduce("", String::concat);
        return List.of(
                "ZL" + digits + "." + check,
                "CN" + digits + check,
                "ZL " + year + " " + type + " " + serial + "." + check,
                "zl" + year + "." + type + "." + serial + "." + check,
                " CN " + year + type + " " + serial.substring(0, 3) + " " + serial.substring(3) + " . " + check + " ",
                "ＺＬ" + fullWidth + "。" + check);
    }

    @Test
    void patentNumberWrittenWithZlCnSpacesAndDotsIsNormalized() {
        long holder = Fixtures.enterprise();
        for (int form = 0; form < 6; form++) {
            String digits = Fixtures.patentDigits(2020, '1');
            String written = writtenForms(digits).get(form);
            String canonical = digits + "." + RegistryNumbers.patentCheckCharacter(digits);
            long id = post(Fixtures.assetBody("INVENTION_PATENT", written, "2020-03-15", "2022-06-01", holder))
                    .statusCode(201)
                    .body("registryNumber", equalTo(canonical))
                    .extract().jsonPath().getLong("id");
            given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}", id)
                    .then().statusCode(200).body("registryNumber", equalTo(canonical));
        }
    }

    @Test
    void wrongPatentCheckDigitIs400NamingRegistryNumber() {
        long holder = Fixtures.enterprise();
        String digits = Fixtures.patentDigits(2020, '1');
        char right = RegistryNumbers.patentCheckCharacter(digits);
        char wrong = right == '1' ? '2' : '1';
        post(Fixtures.assetBody("INVENTION_PATENT", "ZL" + digits + "." + wrong, "2020-03-15", "2022-06-01", holder))
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("registryNumber"))
                .body("errors[0].message", containsString("'" + right + "'"));
    }

    @Test
    void patentNumberOfAnotherKindIs400NamingRegistryNumber() {
        long holder = Fixtures.enterprise();
        String utilityModel = Fixtures.canonicalPatent(Fixtures.patentDigits(2021, '2'));
        post(Fixtures.assetBody("INVENTION_PATENT", utilityModel, "2021-03-15", "2022-06-01", holder))
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("registryNumber"))
                .body("errors[0].message", containsString("utility model"));
    }

    @Test
    void inventionExpiresTwentyYearsFromFiling() {
        long holder = Fixtures.enterprise();
        post(Fixtures.assetBody("INVENTION_PATENT", Fixtures.inventionNumber(), "2020-03-15", "2022-06-01", holder))
                .statusCode(201)
                .body("expiresOn", equalTo("2040-03-14"))
                .body("legalStatus", equalTo("VALID"));
    }

    @Test
    void utilityModelExpiresTenYearsFromFiling() {
        long holder = Fixtures.enterprise();
        String number = Fixtures.canonicalPatent(Fixtures.patentDigits(2021, '2'));
        post(Fixtures.assetBody("UTILITY_MODEL", number, "2021-05-10", "2022-01-04", holder))
                .statusCode(201)
                .body("expiresOn", equalTo("2031-05-09"));
    }

    @Test
    void designFiledFromJune2021ExpiresFifteenYearsFromFilingEarlierTen() {
        long holder = Fixtures.enterprise();
        post(Fixtures.assetBody("DESIGN", Fixtures.canonicalPatent(Fixtures.patentDigits(2021, '3')),
                "2021-06-01", "2021-12-01", holder))
                .statusCode(201)
                .body("expiresOn", equalTo("2036-05-31"));
        post(Fixtures.assetBody("DESIGN", Fixtures.canonicalPatent(Fixtures.patentDigits(2021, '3')),
                "2021-07-01", "2021-12-01", holder))
                .statusCode(201)
                .body("expiresOn", equalTo("2036-06-30"));
        post(Fixtures.assetBody("DESIGN", Fixtures.canonicalPatent(Fixtures.patentDigits(2021, '3')),
                "2021-05-31", "2021-12-01", holder))
                .statusCode(201)
                .body("expiresOn", equalTo("2031-05-30"));
    }

    @Test
    void trademarkExpiresTenYearsFromRegistration() {
        long holder = Fixtures.enterprise();
        post(Fixtures.assetBody("TRADEMARK", Fixtures.trademarkNumber(), "2018-02-01", "2019-08-07", holder))
                .statusCode(201)
                .body("expiresOn", equalTo("2029-08-06"))
                .body("legalStatus", equalTo("VALID"));
    }

    @Test
    void trademarkNotYetRegisteredIsPendingWithoutExpiry() {
        long holder = Fixtures.enterprise();
        post(Fixtures.assetBody("TRADEMARK", Fixtures.trademarkNumber(), "2025-02-01", null, holder))
                .statusCode(201)
                .body("legalStatus", equalTo("PENDING_GRANT"))
                .body("expiresOn", nullValue());
    }

    @Test
    void copyrightMayStateItsExpiry() {
        long holder = Fixtures.enterprise();
        Map<String, Object> body = Fixtures.assetBody("COPYRIGHT", "国作登字-2021-F-" + Fixtures.trademarkNumber(),
                "2021-03-01", null, holder);
        body.put("expiresOn", "2075-12-31");
        post(body).statusCode(201)
                .body("expiresOn", equalTo("2075-12-31"))
                .body("legalStatus", equalTo("VALID"));
    }

    @Test
    void softwareCopyrightWithoutStatedExpiryGetsFiftyYearsToYearEnd() {
        long holder = Fixtures.enterprise();
        String number = "2020SR" + Fixtures.trademarkNumber().substring(1);
        post(Fixtures.assetBody("SOFTWARE_COPYRIGHT", number.toLowerCase(), "2020-09-01", null, holder))
                .statusCode(201)
                .body("registryNumber", equalTo(number))
                .body("expiresOn", equalTo("2070-12-31"));
    }

    @Test
    void inventionWithStatedExpiryIs400NamingExpiresOn() {
        long holder = Fixtures.enterprise();
        Map<String, Object> body = Fixtures.inventionBody(holder);
        body.put("expiresOn", "2045-01-01");
        post(body).statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors.field", equalTo(List.of("expiresOn")));
    }

    @Test
    void unknownHolderIs400NamingHolderIds() {
        post(Fixtures.inventionBody(987_654_321L))
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("holderIds"))
                .body("errors[0].message", containsString("987654321"));
    }

    @Test
    void coOwnedAssetListsBothHolders() {
        long first = Fixtures.enterprise();
        long second = Fixtures.enterprise();
        long id = post(Fixtures.inventionBody(second, first))
                .statusCode(201)
                .body("holders.id", equalTo(List.of((int) first, (int) second)))
                .extract().jsonPath().getLong("id");
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}", id)
                .then().statusCode(200)
                .body("holders.id", equalTo(List.of((int) first, (int) second)))
                .body("holders[0].name", equalTo("苏州测试科技有限公司"));
        given().auth().oauth2(Tokens.regulator()).queryParam("holderId", second).get("/api/v1/assets")
                .then().statusCode(200)
                .body("items.id", hasItem((int) id));
    }

    @Test
    void duplicateRegistryNumberIs409EvenWrittenDifferently() {
        long holder = Fixtures.enterprise();
        String digits = Fixtures.patentDigits(2020, '1');
        char check = RegistryNumbers.patentCheckCharacter(digits);
        post(Fixtures.assetBody("INVENTION_PATENT", digits + "." + check, "2020-03-15", "2022-06-01", holder))
                .statusCode(201);
        post(Fixtures.assetBody("INVENTION_PATENT", "ZL " + digits + " ." + check, "2020-03-15", "2022-06-01", holder))
                .statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("duplicate-asset"))
                .body("detail", containsString("registryNumber"));
    }

    @Test
    void unknownJsonFieldIs400NamingIt() {
        Map<String, Object> body = Fixtures.inventionBody(Fixtures.enterprise());
        body.put("titel", "typo");
        post(body).statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("titel"));
    }

    @Test
    void malformedJsonIs400MalformedRequest() {
        post("{\"kind\": \"INVENTION_PATENT\", \"title\": ")
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("malformed-request"))
                .body("status", equalTo(400));
    }

    @Test
    void numberWhereADateIsExpectedIs400NamingTheField() {
        Map<String, Object> body = Fixtures.inventionBody(Fixtures.enterprise());
        body.put("filingDate", 18336); // 2020-03-15 as days since 1970: must not be taken as a date
        post(body).statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("filingDate"));
    }

    @Test
    void textWhereAHolderIdIsExpectedIs400NamingTheElement() {
        Map<String, Object> body = Fixtures.inventionBody(Fixtures.enterprise());
        body.put("holderIds", List.of("abc"));
        post(body).statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("holderIds[0]"));
    }

    @Test
    void textWhereAListIsExpectedIs400NamingTheField() {
        Map<String, Object> body = Fixtures.inventionBody(Fixtures.enterprise());
        body.put("holderIds", "x");
        post(body).statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("holderIds"));
    }

    @Test
    void nullHolderIdIs400NamingTheElement() {
        Map<String, Object> body = Fixtures.inventionBody(Fixtures.enterprise());
        body.put("holderIds", java.util.Arrays.asList((Object) null));
        post(body).statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors.field", equalTo(List.of("holderIds[0]")));
    }

    @Test
    void unknownKindIs400NamingKind() {
        Map<String, Object> body = Fixtures.inventionBody(Fixtures.enterprise());
        body.put("kind", "PATENT");
        post(body).statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("kind"));
    }

    @Test
    void missingRequiredFieldsAre400NamingEach() {
        post(Map.of("kind", "INVENTION_PATENT"))
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem("registryNumber"))
                .body("errors.field", hasItem("title"))
                .body("errors.field", hasItem("holderIds"))
                .body("errors.field", hasItem("filingDate"));
    }

    @Test
    void wrongContentTypeIs415Problem() {
        given().auth().oauth2(Tokens.registrar()).contentType(ContentType.TEXT).body("kind=INVENTION_PATENT")
                .post("/api/v1/assets")
                .then().statusCode(415).contentType(PROBLEM)
                .body("code", equalTo("unsupported-media-type"))
                .body("status", equalTo(415));
    }

    @Test
    void bankCannotRegisterAssets() {
        long bank = Fixtures.bank();
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Fixtures.inventionBody(Fixtures.enterprise()))
                .post("/api/v1/assets")
                .then().statusCode(403).contentType(PROBLEM)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void searchWithUnknownKindIs400NamingKind() {
        given().auth().oauth2(Tokens.regulator()).queryParam("kind", "PATENT").get("/api/v1/assets")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("kind"));
    }

    @Test
    void searchPageFarBeyondTheEndIsNotAServerError() {
        given().auth().oauth2(Tokens.regulator()).queryParam("page", 20_000_000).queryParam("size", 200)
                .get("/api/v1/assets")
                .then().statusCode(anyOf(equalTo(200), equalTo(400)));
    }

    @Test
    void valuationsPageFarBeyondTheEndIsNotAServerError() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        given().auth().oauth2(Tokens.regulator()).queryParam("page", 20_000_000).queryParam("size", 200)
                .get("/api/v1/assets/{id}/valuations", patent)
                .then().statusCode(anyOf(equalTo(200), equalTo(400)));
    }

    @Test
    void valuationsAreListedLatestFirstWithExactAmounts() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        Fixtures.valuation(patent, "8000000.5", "2024-01-15");
        Fixtures.valuation(patent, "12500000.00", "2025-06-01");
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}/valuations", patent)
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.valuedOn", equalTo(List.of("2025-06-01", "2024-01-15")))
                .body("items.amount", equalTo(List.of("12500000.00", "8000000.50")));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}", patent)
                .then().statusCode(200).body("latestValuation.amount", equalTo("12500000.00"));
    }

    @Test
    void valuationWithThreeDecimalsIs400NamingAmount() {
        long patent = Fixtures.invention(Fixtures.enterprise());
        given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON)
                .body(Map.of("appraiser", "苏州资产评估有限公司", "amount", "1.001", "valuedOn", "2025-01-01", "method", "COST"))
                .post("/api/v1/assets/{id}/valuations", patent)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("amount")));
    }

    @Test
    void grantBeforeFilingIs400NamingGrantDate() {
        Map<String, Object> body = Fixtures.inventionBody(Fixtures.enterprise());
        body.put("grantDate", "2019-01-01");
        post(body).statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("grantDate")));
    }

    @Test
    void filingInTheFutureIs400NamingFilingDate() {
        Map<String, Object> body = Fixtures.inventionBody(Fixtures.enterprise());
        body.remove("grantDate");
        body.put("filingDate", Fixtures.today().plusDays(1).toString());
        post(body).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("filingDate"));
    }

    @Test
    void markGroupOnAPatentIs400NamingMarkGroup() {
        Map<String, Object> body = Fixtures.inventionBody(Fixtures.enterprise());
        body.put("markGroup", "G-1");
        post(body).statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("markGroup")));
    }

    @Test
    void idempotentRegistrationReturnsTheSameAsset() {
        long holder = Fixtures.enterprise();
        Map<String, Object> body = Fixtures.inventionBody(holder);
        String key = "asset-" + System.nanoTime();
        long first = given().auth().oauth2(Tokens.registrar()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/assets")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(Tokens.registrar()).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/assets")
                .then().statusCode(201).body("id", equalTo((int) first));
        given().auth().oauth2(Tokens.regulator()).queryParam("holderId", holder).get("/api/v1/assets")
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void unknownAssetIs404Problem() {
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}", 987_654_321L)
                .then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("not-found"));
    }
}
