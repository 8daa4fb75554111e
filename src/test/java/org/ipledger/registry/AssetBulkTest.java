package org.ipledger.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class AssetBulkTest {

    private static final String HEADER = "kind,registryNumber,title,holderIds,filingDate,grantDate,expiresOn,legalStatus,markGroup\n";

    private static ValidatableResponse bulk(String csv, String key) {
        var request = given().auth().oauth2(Tokens.registrar()).contentType("text/csv; charset=UTF-8").body(csv);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/assets/bulk").then();
    }

    @Test
    void aBatchIsRegisteredWholeWithOneJournalEntryPerAsset() {
        long a = Fixtures.enterprise();
        long b = Fixtures.enterprise();
        String digits = Fixtures.patentDigits(2021, '1');
        String trademark = Fixtures.trademarkNumber();
        String csv = HEADER
                // written as typed: ZL prefix, spaces; the service stores the canonical form
                + "INVENTION_PATENT,ZL " + digits + "." + RegistryNumbers.patentCheckCharacter(digits)
                + ",\"一种纳米涂层, 及其制备方法\"," + a + ",2021-04-01,2023-05-10,,,\r\n"
                + "TRADEMARK," + trademark + ",\"“恒瑞”\"\"标识\"\"\"," + a + ";" + b + ",2019-01-01,2020-02-01,,,G-1\n"
                + "SOFTWARE_COPYRIGHT,2022SR" + String.format("%07d", Long.parseLong(trademark) % 10_000_000) + ",数据平台V1.0,"
                + b + ",2022-06-01,,2072-12-31,,";
        JsonPath report = bulk(csv, null).statusCode(201)
                .body("received", equalTo(3)).body("accepted", equalTo(3)).body("ids", hasSize(3))
                .extract().jsonPath();
        List<Long> ids = report.getList("ids", Long.class);

        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/" + ids.get(0)).then().statusCode(200)
                .body("registryNumber", equalTo(digits + "." + RegistryNumbers.patentCheckCharacter(digits)))
                .body("title", equalTo("一种纳米涂层, 及其制备方法"))
                .body("legalStatus", equalTo("VALID"))
                // 20 years from filing, ending the day before
                .body("expiresOn", equalTo("2041-03-31"));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/" + ids.get(1)).then().statusCode(200)
                .body("title", equalTo("“恒瑞”\"标识\""))
                .body("holders.id", equalTo(List.of((int) a, (int) b)))
                .body("markGroup", equalTo("G-1"))
                .body("expiresOn", equalTo("2030-01-31"));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/" + ids.get(2)).then().statusCode(200)
                .body("kind", equalTo("SOFTWARE_COPYRIGHT")).body("expiresOn", equalTo("2072-12-31"));

        // one ASSET_REGISTERED entry per asset, the last of them the report's journalSeq
        long lastSeq = report.getLong("journalSeq");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/" + ids.get(i) + "/history").then().statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].action", equalTo("ASSET_REGISTERED"))
                    .body("items[0].seq", equalTo((int) (lastSeq - 2 + i)))
                    .body("items[0].state.id", equalTo(ids.get(i).intValue()));
        }
    }

    @Test
    void oneBadRowRefusesTheWholeBatchListingEveryRejectedRowWithItsFields() {
        long holder = Fixtures.enterprise();
        String good1 = Fixtures.inventionNumber();
        String good2 = Fixtures.inventionNumber();
        String digits = Fixtures.patentDigits(2020, '1');
        char right = RegistryNumbers.patentCheckCharacter(digits);
        String wrongCheck = digits + "." + (right == '1' ? '2' : '1');
        String csv = HEADER
                + "INVENTION_PATENT," + good1 + ",好," + holder + ",2020-03-15,2022-06-01,,,\n"
                + "INVENTION_PATENT," + wrongCheck + ",坏," + holder + ",2020-03-15,2022-06-01,,,\n"
                + "INVENTION_PATENT," + good2 + ",好," + holder + ",2020-03-15,2022-06-01,,,\n"
                + "PATENT," + Fixtures.inventionNumber() + ",坏," + holder + ",15/03/2020,,,,\n"
                + "INVENTION_PATENT," + Fixtures.inventionNumber() + ",坏,987654321,2020-03-15,2022-06-01,,,\n"
                + "INVENTION_PATENT," + good1 + ",重复," + holder + ",2020-03-15,2022-06-01,,,\n";
        bulk(csv, null).statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("bulk-rows-rejected"))
                .body("detail", equalTo("4 of 6 rows are invalid; nothing was registered"))
                .body("rejected.row", equalTo(List.of(1, 3, 4, 5)))
                .body("rejected[0].errors[0].field", equalTo("rows[1].registryNumber"))
                .body("rejected[0].errors[0].message", containsString("check digit should be '" + right + "'"))
                .body("rejected[1].errors.field", equalTo(List.of("rows[3].kind", "rows[3].filingDate")))
                .body("rejected[2].errors[0].field", equalTo("rows[4].holderIds"))
                .body("rejected[2].errors[0].message", equalTo("party 987654321 does not exist"))
                .body("rejected[3].errors[0].message", equalTo("is already registered earlier in this batch"))
                .body("errors", hasSize(5));

        // nothing was written: the good rows alone go in now, as new assets
        bulk(HEADER + "INVENTION_PATENT," + good1 + ",好," + holder + ",2020-03-15,2022-06-01,,,\n"
                + "INVENTION_PATENT," + good2 + ",好," + holder + ",2020-03-15,2022-06-01,,,\n", null)
                .statusCode(201).body("accepted", equalTo(2));
    }

    @Test
    void aNumberAlreadyInTheRegisterRejectsItsRow() {
        long holder = Fixtures.enterprise();
        Map<String, Object> existing = Fixtures.inventionBody(holder);
        Fixtures.asset(existing);
        String csv = HEADER + "INVENTION_PATENT," + Fixtures.inventionNumber() + ",新," + holder + ",2020-03-15,2022-06-01,,,\n"
                + "INVENTION_PATENT," + existing.get("registryNumber") + ",旧," + holder + ",2020-03-15,2022-06-01,,,\n";
        bulk(csv, null).statusCode(422)
                .body("rejected.row", equalTo(List.of(1)))
                .body("rejected[0].errors[0].message", equalTo("is already registered as INVENTION_PATENT"));
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheAnswerAndAnotherBodyIsRefused() {
        long holder = Fixtures.enterprise();
        String csv = HEADER + "INVENTION_PATENT," + Fixtures.inventionNumber() + ",一," + holder + ",2020-03-15,2022-06-01,,,\n";
        String key = "bulk-" + System.nanoTime();
        List<Long> first = bulk(csv, key).statusCode(201).extract().jsonPath().getList("ids", Long.class);
        List<Long> again = bulk(csv, key).statusCode(201).extract().jsonPath().getList("ids", Long.class);
        assertEquals(first, again);
        bulk(csv + "INVENTION_PATENT," + Fixtures.inventionNumber() + ",二," + holder + ",2020-03-15,2022-06-01,,,\n", key)
                .statusCode(422).body("code", equalTo("idempotency-key-reused"));
    }

    @Test
    void aFileThatIsNotTheAgreedCsvIsABadRequest() {
        bulk("kind,number\nINVENTION_PATENT,1\n", null).statusCode(400)
                .body("errors[0].field", equalTo("header"))
                .body("errors[0].message", containsString("unknown column 'number'"));
        bulk(HEADER, null).statusCode(400).body("errors[0].message", equalTo("has a header but no rows"));
        bulk(HEADER + "INVENTION_PATENT,\"unterminated\n", null).statusCode(400)
                .body("errors[0].message", equalTo("ends inside a quoted field"));
        bulk(HEADER + "x\n".repeat(AssetBulk.MAX_ROWS + 1), null).statusCode(400)
                .body("errors[0].message", equalTo("has more than " + AssetBulk.MAX_ROWS + " rows; send them in batches"));
    }

    @Test
    void onlyTheRegistrarAndAdminsLoadInBulk() {
        given().auth().oauth2(Tokens.bank(Fixtures.bank())).contentType("text/csv").body(HEADER)
                .post("/api/v1/assets/bulk").then().statusCode(403);
    }
}
