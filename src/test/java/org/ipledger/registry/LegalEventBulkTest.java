package org.ipledger.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.LoanFixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class LegalEventBulkTest {

    private static final String HEADER = "assetKind,registryNumber,kind,occurredOn,reference,note\n";
    private static final String FREEZE_REF = "(2024)苏05执保1号";

    private static ValidatableResponse bulk(String token, String csv, String key) {
        var request = given().auth().oauth2(token).contentType("text/csv; charset=UTF-8").body(csv);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post("/api/v1/assets/legal-events/bulk").then();
    }

    private static ValidatableResponse bulk(String csv, String key) {
        return bulk(Tokens.registrar(), csv, key);
    }

    /** The single call, with a reference. */
    private static void single(long assetId, String kind, String occurredOn, String reference) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", kind, "occurredOn", occurredOn));
        if (reference != null) {
            body.put("reference", reference);
        }
        given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/assets/{id}/legal-events", assetId).then().statusCode(201);
    }

    private static JsonPath asset(long id) {
        return given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    private static String number(long id) {
        return asset(id).getString("registryNumber");
    }

    private static JsonPath history(long id) {
        return given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/" + id + "/history?size=50").then()
                .statusCode(200).extract().jsonPath();
    }

    private static JsonPath events(long id) {
        return given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/" + id + "/legal-events?size=50").then()
                .statusCode(200).extract().jsonPath();
    }

    /** What a single call and the bulk load must leave alike on twin assets. */
    private static void assertTwins(long single, long bulk) {
        JsonPath a = asset(single);
        JsonPath b = asset(bulk);
        for (String field : List.of("legalStatus", "grantDate", "expiresOn", "encumbrances", "holders")) {
            assertEquals((Object) a.get(field), b.get(field), field);
        }
        JsonPath ea = events(single);
        JsonPath eb = events(bulk);
        for (String field : List.of("items.kind", "items.occurredOn", "items.reference", "items.note")) {
            assertEquals((Object) ea.get(field), eb.get(field), field);
        }
        JsonPath ha = history(single);
        JsonPath hb = history(bulk);
        for (String field : List.of("items.action", "items.state.event.kind", "items.state.event.statusAfter",
                "items.state.asset.legalStatus", "items.state.asset.expiresOn", "items.state.asset.encumbrances")) {
            assertEquals((Object) ha.get(field), hb.get(field), field);
        }
    }

    @Test
    void aGoodBatchChangesStatusesExactlyAsSingleCallsWould() {
        long holder = Fixtures.enterprise();
        long invalidatedSingle = Fixtures.invention(holder);
        long invalidatedBulk = Fixtures.invention(holder);
        long restoredSingle = Fixtures.invention(holder);
        long restoredBulk = Fixtures.invention(holder);
        long markSingle = Fixtures.asset(Fixtures.assetBody("TRADEMARK", Fixtures.trademarkNumber(), "2020-02-01", null, holder));
        long markBulk = Fixtures.asset(Fixtures.assetBody("TRADEMARK", Fixtures.trademarkNumber(), "2020-02-01", null, holder));

        single(invalidatedSingle, "INVALIDATION_REQUESTED", "2024-01-10", "4W112233");
        single(invalidatedSingle, "INVALIDATED", "2024-06-20", null);
        single(restoredSingle, "FEE_UNPAID", "2024-03-15", null);
        single(restoredSingle, "RESTORED", "2024-05-01", null);
        single(restoredSingle, "COURT_FREEZE", "2024-07-01", FREEZE_REF);
        single(markSingle, "GRANTED", "2021-05-01", null);
        single(markSingle, "RENEWED", "2024-02-01", null);

        // rows interleaved across assets, the patent numbers as the office writes them (ZL prefix)
        String patent = "ZL " + number(invalidatedBulk);
        String restored = "ZL" + number(restoredBulk);
        String mark = number(markBulk);
        String csv = HEADER
                + "INVENTION_PATENT," + patent + ",INVALIDATION_REQUESTED,2024-01-10,4W112233,\n"
                + "INVENTION_PATENT," + restored + ",FEE_UNPAID,2024-03-15,,\n"
                + "TRADEMARK," + mark + ",GRANTED,2021-05-01,,\n"
                + "INVENTION_PATENT," + restored + ",RESTORED,2024-05-01,,\n"
                + "INVENTION_PATENT," + patent + ",INVALIDATED,2024-06-20,,\n"
                + "INVENTION_PATENT," + restored + ",COURT_FREEZE,2024-07-01,\"" + FREEZE_REF + "\",\n"
                + "trademark," + mark + ",renewed,2024-02-01,,\n";
        JsonPath report = bulk(csv, null).statusCode(201)
                .body("received", equalTo(7)).body("accepted", equalTo(7)).body("ids", hasSize(7))
                .extract().jsonPath();

        // hand-worked: invalidated, proceedings closed; lapsed, restored, then frozen; granted 2021-05-01,
        // ten years to 2031-04-30, renewed to 2041-04-30
        JsonPath p = asset(invalidatedBulk);
        assertEquals("INVALIDATED", p.getString("legalStatus"));
        assertEquals(List.of(), p.getList("encumbrances"));
        JsonPath r = asset(restoredBulk);
        assertEquals("VALID", r.getString("legalStatus"));
        assertEquals(List.of("COURT_FREEZE"), r.getList("encumbrances.kind"));
        assertEquals(List.of("2024-07-01"), r.getList("encumbrances.since"));
        assertEquals(List.of(FREEZE_REF), r.getList("encumbrances.reference"));
        JsonPath m = asset(markBulk);
        assertEquals("VALID", m.getString("legalStatus"));
        assertEquals("2021-05-01", m.getString("grantDate"));
        assertEquals("2041-04-30", m.getString("expiresOn"));

        assertTwins(invalidatedSingle, invalidatedBulk);
        assertTwins(restoredSingle, restoredBulk);
        assertTwins(markSingle, markBulk);

        // one journal entry per event, the report's journalSeq the last of them
        long lastSeq = report.getLong("journalSeq");
        JsonPath h = history(restoredBulk);
        assertEquals(List.of("ASSET_REGISTERED", "LEGAL_EVENT_RECORDED", "LEGAL_EVENT_RECORDED", "LEGAL_EVENT_RECORDED"),
                h.getList("items.action"));
        assertEquals(lastSeq - 1, h.getLong("items[3].seq"), "the freeze is row 5 of 7: one entry before the last");
        List<Long> ids = report.getList("ids", Long.class);
        assertEquals(ids.get(5), h.getLong("items[3].state.event.id"));
        assertEquals("VALID", h.getString("items[3].state.event.statusAfter"));
    }

    @Test
    void oneBadRowWritesNothingAndEveryRejectedRowIsListedWithItsFields() {
        long holder = Fixtures.enterprise();
        long valid = Fixtures.invention(holder);
        long other = Fixtures.invention(holder);
        String good = number(valid);
        String unknown = Fixtures.inventionNumber();
        String csv = HEADER
                + "INVENTION_PATENT," + good + ",FEE_UNPAID,2024-03-15,,\n"                     // 0 good
                + "INVENTION_PATENT," + unknown + ",FEE_UNPAID,2024-03-15,,\n"                  // 1 unknown asset
                + "INVENTION_PATENT," + number(other) + ",RESTORED,2024-03-15,,\n"              // 2 VALID cannot be RESTORED
                + "INVENTION_PATENT," + number(other) + ",FEE_UNPAID,2024-13-01,,\n"            // 3 bad date
                + "INVENTION_PATENT," + number(other) + ",COURT_FREEZE," + Fixtures.today().plusDays(2) + ",,\n" // 4 future
                + "INVENTION_PATENT," + good + ",FEE_UNPAID,2024-03-15,,\n"                     // 5 repeats row 0
                + "PATENT," + good + ",LAPSE,2024-03-15,,\n";                                   // 6 two unknown kinds
        bulk(csv, null).statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("bulk-rows-rejected"))
                .body("detail", equalTo("6 of 7 rows are invalid; no event was recorded"))
                .body("rejected.row", equalTo(List.of(1, 2, 3, 4, 5, 6)))
                .body("rejected[0].registryNumber", equalTo(unknown))
                .body("rejected[0].errors[0].field", equalTo("rows[1].registryNumber"))
                .body("rejected[0].errors[0].message", equalTo("no INVENTION_PATENT " + unknown + " is registered"))
                .body("rejected[1].errors[0].field", equalTo("rows[2].kind"))
                .body("rejected[1].errors[0].message", containsString("its status is VALID, not LAPSED"))
                .body("rejected[2].errors[0].field", equalTo("rows[3].occurredOn"))
                .body("rejected[2].errors[0].message", equalTo("must be a date as 2024-03-31, not '2024-13-01'"))
                .body("rejected[3].errors[0].field", equalTo("rows[4].occurredOn"))
                .body("rejected[4].errors[0].field", equalTo("rows[5]"))
                .body("rejected[4].errors[0].message", containsString("repeats row 0"))
                .body("rejected[5].errors.field", equalTo(List.of("rows[6].assetKind", "rows[6].kind")))
                .body("errors", hasSize(7));

        // nothing was written: the good row's asset is untouched and has no event
        assertEquals("VALID", asset(valid).getString("legalStatus"));
        assertEquals(0, events(valid).getInt("total"));
        assertEquals(List.of("ASSET_REGISTERED"), history(valid).getList("items.action"));
    }

    @Test
    void aLaterRowIsJudgedOnTheStatusEarlierRowsOfTheBatchLeave() {
        long valid = Fixtures.invention(Fixtures.enterprise());
        String n = number(valid);
        // the second FEE_UNPAID finds the asset LAPSED by the first, as a second single call would
        bulk(HEADER + "INVENTION_PATENT," + n + ",FEE_UNPAID,2024-03-15,,\n"
                + "INVENTION_PATENT," + n + ",FEE_UNPAID,2024-04-15,,\n", null)
                .statusCode(422)
                .body("rejected.row", equalTo(List.of(1)))
                .body("rejected[0].errors[0].message", containsString("its status is LAPSED, not VALID"));
        assertEquals("VALID", asset(valid).getString("legalStatus"));
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheAnswerAndAnotherBodyIsRefused() {
        long valid = Fixtures.invention(Fixtures.enterprise());
        String csv = HEADER + "INVENTION_PATENT," + number(valid) + ",COURT_FREEZE,2024-07-01,F-1,\n";
        String key = "events-" + System.nanoTime();
        JsonPath first = bulk(csv, key).statusCode(201).extract().jsonPath();
        JsonPath again = bulk(csv, key).statusCode(201).extract().jsonPath();
        assertEquals(first.getList("ids", Long.class), again.getList("ids", Long.class));
        assertEquals(first.getLong("journalSeq"), again.getLong("journalSeq"));
        assertEquals(1, events(valid).getInt("total"), "the replay recorded nothing");
        bulk(csv + "INVENTION_PATENT," + number(valid) + ",UNFREEZE,2024-08-01,,\n", key)
                .statusCode(422).body("code", equalTo("idempotency-key-reused"));
    }

    @Test
    void anEventOnAPledgedAssetRaisesTheSameAlertAsASingleCall() {
        LoanFixtures.SecuredLoan viaSingle = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        LoanFixtures.SecuredLoan viaBulk = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        String today = Fixtures.today().toString();
        single(viaSingle.asset(), "FEE_UNPAID", today, null);
        String n = number(viaBulk.asset());
        bulk(HEADER + "INVENTION_PATENT," + n + ",FEE_UNPAID," + today + ",,\n", null).statusCode(201);

        JsonPath a = alerts(viaSingle);
        JsonPath b = alerts(viaBulk);
        assertEquals(1, b.getInt("total"));
        for (String field : List.of("items.kind", "items.trigger.type", "items.trigger.kind", "items.trigger.occurredOn",
                "items.asset.kind", "items.coverage", "items.acknowledged")) {
            assertEquals((Object) a.get(field), b.get(field), field);
        }
        assertEquals("NOT_VALID", b.getString("items[0].kind"));
        assertEquals(viaBulk.asset(), b.getLong("items[0].asset.id"));
        assertEquals("FEE_UNPAID recorded for INVENTION_PATENT " + n + " (asset " + viaBulk.asset() + ") on " + today
                + ": its legal status is now LAPSED; it secures loan " + viaBulk.loan(), b.getString("items[0].detail"));
        assertEquals(a.getString("items[0].detail")
                        .replace(number(viaSingle.asset()), n)
                        .replace("asset " + viaSingle.asset(), "asset " + viaBulk.asset())
                        .replace("loan " + viaSingle.loan(), "loan " + viaBulk.loan()),
                b.getString("items[0].detail"));
        // an event that alerts nobody (a restoration) raises nothing more
        bulk(HEADER + "INVENTION_PATENT," + n + ",RESTORED," + today + ",,\n", null).statusCode(201);
        assertEquals(1, alerts(viaBulk).getInt("total"));
    }

    private static JsonPath alerts(LoanFixtures.SecuredLoan s) {
        return given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/alerts?loanId=" + s.loan())
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void onlyTheRegistrarLoadsEventsInBulk() {
        long valid = Fixtures.invention(Fixtures.enterprise());
        String csv = HEADER + "INVENTION_PATENT," + number(valid) + ",FEE_UNPAID,2024-03-15,,\n";
        bulk(Tokens.bank(Fixtures.bank()), csv, null).statusCode(403);
        bulk(Tokens.regulator(), csv, null).statusCode(403);
        bulk(Tokens.admin(), csv, null).statusCode(403);
        given().contentType("text/csv").body(csv).post("/api/v1/assets/legal-events/bulk").then().statusCode(401);
        assertEquals("VALID", asset(valid).getString("legalStatus"));
    }

    @Test
    void aFileThatIsNotTheAgreedCsvIsABadRequest() {
        bulk("assetKind,number\nINVENTION_PATENT,1\n", null).statusCode(400)
                .body("errors[0].field", equalTo("header"))
                .body("errors[0].message", containsString("unknown column 'number'"));
        bulk("assetKind,registryNumber,kind\nINVENTION_PATENT,1,GRANTED\n", null).statusCode(400)
                .body("errors[0].message", equalTo("lacks column 'occurredOn'"));
        bulk(HEADER, null).statusCode(400).body("errors[0].message", equalTo("has a header but no rows"));
        bulk(HEADER + "x\n".repeat(LegalEventBulk.MAX_ROWS + 1), null).statusCode(400)
                .body("errors[0].message", equalTo("has more than " + LegalEventBulk.MAX_ROWS + " rows; send them in batches"));
    }
}
