package org.ipledger.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AssetImportTest {

    private static final String PROBLEM = "application/problem+json";

    private static io.restassured.response.ValidatableResponse importRows(List<Map<String, Object>> rows, String key) {
        var request = given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON).body(Map.of("rows", rows));
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/assets/import").then();
    }

    private static List<Map<String, Object>> inventionRows(int count, long holder) {
        List<Map<String, Object>> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(Fixtures.inventionBody(holder));
        }
        return rows;
    }

    @Test
    void thousandRowsWithAHandfulBadAreTakenExceptTheBadOnesWhichAreReportedByRow() {
        long holder = Fixtures.enterprise();
        Map<String, Object> existing = Fixtures.inventionBody(holder);
        long existingId = Fixtures.asset(existing);

        List<Map<String, Object>> rows = inventionRows(1000, holder);
        // row 17: wrong check digit
        String digits = Fixtures.patentDigits(2020, '1');
        char right = RegistryNumbers.patentCheckCharacter(digits);
        rows.get(17).put("registryNumber", digits + "." + (right == '1' ? '2' : '1'));
        // row 250: unknown holder
        rows.get(250).put("holderIds", List.of(holder, 987_654_321L));
        // row 500: duplicate of row 499 within the import, written differently
        rows.get(500).put("registryNumber", "ZL " + rows.get(499).get("registryNumber"));
        // row 800: duplicate of an asset already registered
        rows.get(800).put("registryNumber", existing.get("registryNumber"));
        // row 999: a patent number of another kind
        rows.get(999).put("registryNumber", Fixtures.canonicalPatent(Fixtures.patentDigits(2021, '2')));

        JsonPath report = importRows(rows, null)
                .statusCode(200).contentType(ContentType.JSON)
                .body("received", equalTo(1000))
                .body("accepted", equalTo(995))
                .body("rejected.row", equalTo(List.of(17, 250, 500, 800, 999)))
                .body("rejected[0].errors.field", equalTo(List.of("rows[17].registryNumber")))
                .body("rejected[0].errors[0].message", containsString("'" + right + "'"))
                .body("rejected[1].errors.field", equalTo(List.of("rows[250].holderIds")))
                .body("rejected[1].errors[0].message", containsString("987654321"))
                .body("rejected[2].errors.field", equalTo(List.of("rows[500].registryNumber")))
                .body("rejected[3].errors.field", equalTo(List.of("rows[800].registryNumber")))
                .body("rejected[4].errors.field", equalTo(List.of("rows[999].registryNumber")))
                .extract().jsonPath();

        List<Integer> acceptedRows = report.getList("assets.row", Integer.class);
        assertEquals(995, acceptedRows.size());
        for (int bad : List.of(17, 250, 500, 800, 999)) {
            assertFalse(acceptedRows.contains(bad), "row " + bad + " is not taken");
        }
        assertTrue(acceptedRows.contains(499), "the first of two duplicates is taken");

        // accepted rows are in the register as their rows said
        for (int i : List.of(0, 1, 498, 499, 998)) {
            int index = acceptedRows.indexOf(i);
            long id = report.getLong("assets[" + index + "].id");
            given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}", id)
                    .then().statusCode(200)
                    .body("registryNumber", equalTo(rows.get(i).get("registryNumber")))
                    .body("holders.id", equalTo(List.of((int) holder)))
                    .body("expiresOn", equalTo("2040-03-14"));
        }
        // the holder now holds the one registered before and the 995 imported
        given().auth().oauth2(Tokens.regulator()).queryParam("holderId", holder).queryParam("size", 1)
                .get("/api/v1/assets")
                .then().statusCode(200).body("total", equalTo(996));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}/history", report.getLong("assets[0].id"))
                .then().statusCode(200).body("items.action", equalTo(List.of("ASSET_REGISTERED")));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}", existingId)
                .then().statusCode(200).body("registryNumber", equalTo(existing.get("registryNumber")));
    }

    @Test
    void importIsIdempotentWithIdempotencyKey() {
        long holder = Fixtures.enterprise();
        List<Map<String, Object>> rows = inventionRows(3, holder);
        String key = "import-" + System.nanoTime();
        List<Long> first = importRows(rows, key).statusCode(200).body("accepted", equalTo(3))
                .extract().jsonPath().getList("assets.id", Long.class);
        List<Long> second = importRows(rows, key).statusCode(200).body("accepted", equalTo(3))
                .extract().jsonPath().getList("assets.id", Long.class);
        assertEquals(first, second, "the retry answers the first import");
        given().auth().oauth2(Tokens.regulator()).queryParam("holderId", holder).get("/api/v1/assets")
                .then().statusCode(200).body("total", equalTo(3));

        List<Map<String, Object>> other = inventionRows(1, holder);
        importRows(other, key).statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("idempotency-key-reused"));
    }

    @Test
    void withoutIdempotencyKeyARepeatedImportRejectsEveryRowAsDuplicate() {
        long holder = Fixtures.enterprise();
        List<Map<String, Object>> rows = inventionRows(3, holder);
        importRows(rows, null).statusCode(200).body("accepted", equalTo(3));
        importRows(rows, null).statusCode(200)
                .body("accepted", equalTo(0))
                .body("rejected.row", equalTo(List.of(0, 1, 2)))
                .body("rejected[2].errors[0].field", equalTo("rows[2].registryNumber"));
    }

    @Test
    void moreThan5000RowsIs400NamingRows() {
        long holder = Fixtures.enterprise();
        Map<String, Object> row = Fixtures.inventionBody(holder);
        List<Map<String, Object>> rows = new ArrayList<>(5001);
        for (int i = 0; i < 5001; i++) {
            rows.add(row);
        }
        importRows(rows, null).statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors.field", hasItem("rows"));
        given().auth().oauth2(Tokens.regulator()).queryParam("holderId", holder).get("/api/v1/assets")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void emptyImportIs400NamingRows() {
        importRows(List.of(), null).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("rows"));
    }

    @Test
    void nullRowIs400NamingIt() {
        given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON).body("{\"rows\": [null]}")
                .post("/api/v1/assets/import")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("rows[0]")));
    }

    @Test
    void rowMissingFieldsIsRejectedNamingThemByRow() {
        long holder = Fixtures.enterprise();
        List<Map<String, Object>> rows = inventionRows(3, holder);
        rows.get(1).remove("title");
        rows.get(2).put("holderIds", java.util.Arrays.asList(holder, null));
        importRows(rows, null).statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected.row", equalTo(List.of(1, 2)))
                .body("rejected[0].errors.field", equalTo(List.of("rows[1].title")))
                .body("rejected[1].errors.field", equalTo(List.of("rows[2].holderIds[1]")));
    }

    @Test
    void bankCannotImport() {
        long bank = Fixtures.bank();
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("rows", inventionRows(1, Fixtures.enterprise())))
                .post("/api/v1/assets/import")
                .then().statusCode(403).contentType(PROBLEM);
    }
}
