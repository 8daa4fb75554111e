package org.ipledger.party;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class PartyResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private static Map<String, Object> enterpriseBody(String creditCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "ENTERPRISE");
        body.put("name", "苏州纳米新材料有限公司");
        body.put("creditCode", creditCode);
        body.put("district", "SUZHOU_INDUSTRIAL_PARK");
        body.put("industry", "NANOTECHNOLOGY");
        return body;
    }

    /** The same code with a check character that is not the right one. */
    private static String withWrongCheckCharacter(String code) {
        char right = code.charAt(17);
        char wrong = right == '1' ? '2' : '1';
        return code.substring(0, 17) + wrong;
    }

    @Test
    void enterpriseIsRegisteredWithDistrictAndIndustry() {
        String code = Fixtures.creditCode();
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(enterpriseBody(code))
                .post("/api/v1/parties")
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("kind", equalTo("ENTERPRISE"))
                .body("creditCode", equalTo(code))
                .body("district", equalTo("SUZHOU_INDUSTRIAL_PARK"))
                .body("industry", equalTo("NANOTECHNOLOGY"))
                .body("createdAt", notNullValue());
    }

    @Test
    void bankIsRegisteredWithoutDistrictAndCanBeReadBack() {
        String code = Fixtures.creditCode();
        long id = given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON)
                .body(Map.of("kind", "BANK", "name", "苏州测试银行", "creditCode", code))
                .post("/api/v1/parties")
                .then().statusCode(201)
                .body("kind", equalTo("BANK"))
                .body("district", nullValue())
                .extract().jsonPath().getLong("id");
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/parties/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("kind", equalTo("BANK"))
                .body("name", equalTo("苏州测试银行"))
                .body("creditCode", equalTo(code));
    }

    @Test
    void creditCodeTypedWithSpacesAndLowerCaseIsStoredNormalized() {
        String code = Fixtures.creditCode();
        String typed = " " + code.substring(0, 6) + " " + code.substring(6).toLowerCase() + " ";
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(enterpriseBody(typed))
                .post("/api/v1/parties")
                .then().statusCode(201).body("creditCode", equalTo(code));
    }

    @Test
    void wrongCreditCodeCheckCharacterIs400NamingCreditCodeAndTheExpectedCharacter() {
        String code = Fixtures.creditCode();
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(enterpriseBody(withWrongCheckCharacter(code)))
                .post("/api/v1/parties")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("status", equalTo(400))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("creditCode"))
                .body("errors[0].message", containsString("'" + code.charAt(17) + "'"));
    }

    @Test
    void enterpriseWithoutDistrictIs400NamingDistrict() {
        Map<String, Object> body = enterpriseBody(Fixtures.creditCode());
        body.remove("district");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/parties")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors.field", equalTo(java.util.List.of("district")));
    }

    @Test
    void unknownDistrictIs400NamingDistrict() {
        Map<String, Object> body = enterpriseBody(Fixtures.creditCode());
        body.put("district", "SHANGHAI");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/parties")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("district"))
                .body("errors[0].message", containsString("KUNSHAN"));
    }

    @Test
    void duplicateCreditCodeIs409() {
        String code = Fixtures.creditCode();
        long first = Fixtures.party(enterpriseBody(code));
        // the same code typed differently is still the same party
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("kind", "BANK", "name", "另一家银行", "creditCode", code.toLowerCase()))
                .post("/api/v1/parties")
                .then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("duplicate-credit-code"))
                .body("detail", containsString(code))
                .body("existingPartyId", equalTo((int) first));
    }

    @Test
    void unknownPartyIs404Problem() {
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/parties/{id}", 987_654_321L)
                .then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("not-found"))
                .body("status", equalTo(404))
                .body("detail", containsString("987654321"));
    }

    @Test
    void listIsPaginated() {
        Fixtures.bank();
        Fixtures.bank();
        Fixtures.bank();
        given().auth().oauth2(Tokens.regulator()).queryParam("kind", "BANK").queryParam("size", 2)
                .get("/api/v1/parties")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("items", hasSize(2))
                .body("items.kind", everyItem(equalTo("BANK")))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("total", greaterThanOrEqualTo(3));
        given().auth().oauth2(Tokens.regulator()).queryParam("kind", "BANK").queryParam("page", 1).queryParam("size", 2)
                .get("/api/v1/parties")
                .then().statusCode(200)
                .body("items.size()", greaterThanOrEqualTo(1))
                .body("page", equalTo(1));
    }

    @Test
    void pageSizeAbove200Is400NamingSize() {
        given().auth().oauth2(Tokens.regulator()).queryParam("size", 201)
                .get("/api/v1/parties")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem("size"));
    }

    @Test
    void negativePageIs400NamingPage() {
        given().auth().oauth2(Tokens.regulator()).queryParam("page", -1)
                .get("/api/v1/parties")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("page"));
    }

    @Test
    void pageFarBeyondTheEndIsNotAServerError() {
        given().auth().oauth2(Tokens.regulator()).queryParam("page", 20_000_000).queryParam("size", 200)
                .get("/api/v1/parties")
                .then().statusCode(anyOf(equalTo(200), equalTo(400)));
    }

    @Test
    void unknownKindInQueryIs400NamingKind() {
        given().auth().oauth2(Tokens.regulator()).queryParam("kind", "CORPORATION")
                .get("/api/v1/parties")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("kind"));
    }

    @Test
    void nonNumericSizeIs400NamingSize() {
        given().auth().oauth2(Tokens.regulator()).queryParam("size", "abc")
                .get("/api/v1/parties")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("size"));
    }

    @Test
    void jsonArrayInsteadOfAnObjectIs400Problem() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("[1, 2]")
                .post("/api/v1/parties")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", anyOf(equalTo("malformed-request"), equalTo("validation-failed")));
    }

    @Test
    void textAfterTheJsonDocumentIsMalformed() {
        String body = "{\"kind\": \"BANK\", \"name\": \"苏州测试银行\", \"creditCode\": \"" + Fixtures.creditCode()
                + "\"} and more";
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/parties")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("malformed-request"));
    }

    @Test
    void refusedRegistrationDoesNotUseUpItsIdempotencyKey() {
        String taken = Fixtures.creditCode();
        Fixtures.party(Map.of("kind", "BANK", "name", "苏州测试银行", "creditCode", taken));
        String key = "party-" + System.nanoTime();
        given().auth().oauth2(Tokens.admin()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("kind", "BANK", "name", "苏州测试银行", "creditCode", taken))
                .post("/api/v1/parties")
                .then().statusCode(409).body("code", equalTo("duplicate-credit-code"));
        Map<String, Object> fixed = Map.of("kind", "BANK", "name", "苏州测试银行", "creditCode", Fixtures.creditCode());
        long id = given().auth().oauth2(Tokens.admin()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(fixed).post("/api/v1/parties")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(Tokens.admin()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(fixed).post("/api/v1/parties")
                .then().statusCode(201).body("id", equalTo((int) id));
    }

    @Test
    void overlongIdempotencyKeyIs400NamingTheHeader() {
        given().auth().oauth2(Tokens.admin()).header("Idempotency-Key", "k".repeat(129)).contentType(ContentType.JSON)
                .body(enterpriseBody(Fixtures.creditCode()))
                .post("/api/v1/parties")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void bankRoleCannotRegisterParties() {
        long bank = Fixtures.bank();
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(enterpriseBody(Fixtures.creditCode()))
                .post("/api/v1/parties")
                .then().statusCode(403).contentType(PROBLEM)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void labRoleCannotReadParties() {
        given().auth().oauth2(Tokens.lab()).get("/api/v1/parties")
                .then().statusCode(403).contentType(PROBLEM)
                .body("code", equalTo("forbidden"));
    }

    @Test
    void noTokenIs401Problem() {
        given().contentType(ContentType.JSON).body(enterpriseBody(Fixtures.creditCode()))
                .post("/api/v1/parties")
                .then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("unauthorized"))
                .header("WWW-Authenticate", containsString("Bearer"));
        given().get("/api/v1/parties")
                .then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void garbageTokenIs401Problem() {
        given().auth().oauth2("not-a-jwt.at.all").get("/api/v1/parties")
                .then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void tokenFromAnotherIssuerIs401Problem() {
        String foreign = Jwt.issuer("someone-else").upn("admin").groups(Set.of("admin")).sign();
        given().auth().oauth2(foreign).get("/api/v1/parties")
                .then().statusCode(401).contentType(PROBLEM)
                .body("code", equalTo("unauthorized"));
    }
}
