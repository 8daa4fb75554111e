package org.ipledger.pledge;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pledge rules beyond those in {@link PledgeResourceTest}. */
@QuarkusTest
class PledgeRulesTest {

    private static final String PROBLEM = "application/problem+json";

    private static ValidatableResponse file(long bank, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/pledges").then();
    }

    private static Map<String, Object> body(List<Long> pledgors, long bank, long... assets) {
        Map<String, Object> body = new HashMap<>(Fixtures.pledgeBody(pledgors.get(0), bank, assets));
        body.put("pledgorIds", pledgors);
        return body;
    }

    private static ValidatableResponse transition(String token, long pledge, String step, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/pledges/{id}/" + step, pledge).then();
    }

    private static ValidatableResponse collateral(long asset) {
        return given().auth().oauth2(Tokens.regulator()).queryParam("assetId", asset).get("/api/v1/collateral-status")
                .then().statusCode(200);
    }

    private static String today() {
        return Fixtures.today().toString();
    }

    @Test
    void pledgorNotAmongTheHoldersOfAnAssetIsRefusedForThatAsset() {
        long pledgor = Fixtures.enterprise();
        long other = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long own = Fixtures.invention(pledgor);
        long foreign = Fixtures.invention(other);
        file(bank, Fixtures.pledgeBody(pledgor, bank, own, foreign))
                .statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("pledge-refused"))
                .body("refusals", hasSize(1))
                .body("refusals[0].assetId", equalTo((int) foreign))
                .body("refusals[0].reasons.code", equalTo(List.of("pledgor-not-holder")))
                .body("refusals[0].reasons[0].message", containsString(String.valueOf(other)));
        collateral(own).body("freeToPledge", equalTo(true));
    }

    @Test
    void pledgorHoldingNoneOfTheAssetsIsRefused() {
        long holder = Fixtures.enterprise();
        long stranger = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(holder);
        // Answered with its own code rather than a per-asset 'pledgor-not-holder' refusal.
        file(bank, Fixtures.pledgeBody(stranger, bank, patent))
                .statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("pledgor-holds-no-asset"))
                .body("detail", containsString(String.valueOf(stranger)));
        collateral(patent).body("freeToPledge", equalTo(true));
    }

    @Test
    void coOwnedAssetNeedsEveryHolderAsPledgor() {
        long first = Fixtures.enterprise();
        long second = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(first, second);
        file(bank, body(List.of(first), bank, patent))
                .statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("pledge-refused"))
                .body("refusals[0].assetId", equalTo((int) patent))
                .body("refusals[0].reasons.code", equalTo(List.of("pledgor-not-holder")))
                .body("refusals[0].reasons[0].message", containsString(String.valueOf(second)));
        file(bank, body(List.of(second, first), bank, patent))
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("pledgors.id", equalTo(List.of((int) first, (int) second)));
    }

    @Test
    void assetExpiringBeforeTheTermEndsIsRefused() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        // a utility model filed 9 years ago expires in a year; the pledge asks for two
        LocalDate filed = Fixtures.today().minusYears(9);
        long model = Fixtures.utilityModel(filed, pledgor);
        file(bank, Fixtures.pledgeBody(pledgor, bank, model))
                .statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("pledge-refused"))
                .body("refusals[0].assetId", equalTo((int) model))
                .body("refusals[0].reasons.code", equalTo(List.of("expires-before-term-ends")))
                .body("detail", containsString(filed.plusYears(10).minusDays(1).toString()));
        // a term ending on the last day of protection is fine
        Map<String, Object> body = new HashMap<>(Fixtures.pledgeBody(pledgor, bank, model));
        body.put("termEndsOn", filed.plusYears(10).minusDays(1).toString());
        file(bank, body).statusCode(201);
    }

    @Test
    void invalidationProceedingsAreRefusedUnlessTheRiskIsAcknowledged() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        Fixtures.legalEvent(patent, "INVALIDATION_REQUESTED", "2025-02-01");
        file(bank, Fixtures.pledgeBody(pledgor, bank, patent))
                .statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("pledge-refused"))
                .body("refusals[0].reasons.code", equalTo(List.of("invalidation-proceedings")));
        Map<String, Object> acknowledged = new HashMap<>(Fixtures.pledgeBody(pledgor, bank, patent));
        acknowledged.put("acknowledgeInvalidationRisk", true);
        long pledge = file(bank, acknowledged)
                .statusCode(201)
                .body("invalidationRiskAcknowledged", equalTo(true))
                .extract().jsonPath().getLong("id");
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/pledges/{id}", pledge)
                .then().statusCode(200).body("invalidationRiskAcknowledged", equalTo(true));
    }

    @Test
    void acknowledgingTheRiskDoesNotOverrideACourtFreeze() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        Fixtures.legalEvent(patent, "INVALIDATION_REQUESTED", "2025-02-01");
        Fixtures.legalEvent(patent, "COURT_FREEZE", "2025-03-01");
        Map<String, Object> acknowledged = new HashMap<>(Fixtures.pledgeBody(pledgor, bank, patent));
        acknowledged.put("acknowledgeInvalidationRisk", true);
        file(bank, acknowledged)
                .statusCode(422)
                .body("refusals[0].reasons.code", equalTo(List.of("court-freeze")));
    }

    @Test
    void trademarkMustBePledgedWithEverySimilarMarkOfItsGroup() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        String group = "G-" + System.nanoTime();
        long mark = Fixtures.trademark(group, pledgor);
        long similar = Fixtures.trademark(group, pledgor);
        String similarNumber = given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}", similar)
                .then().statusCode(200).body("markGroup", equalTo(group))
                .extract().jsonPath().getString("registryNumber");
        file(bank, Fixtures.pledgeBody(pledgor, bank, mark))
                .statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("pledge-refused"))
                .body("refusals[0].assetId", equalTo((int) mark))
                .body("refusals[0].reasons.code", equalTo(List.of("similar-marks-missing")))
                .body("refusals[0].reasons[0].message", containsString(similarNumber));
        file(bank, Fixtures.pledgeBody(pledgor, bank, mark, similar))
                .statusCode(201)
                .body("assets.id", equalTo(List.of((int) mark, (int) similar)));
    }

    @Test
    void mixedPledgeCombinesPatentTrademarkAndCopyright() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        long mark = Fixtures.trademark(null, pledgor);
        long software = Fixtures.asset(Fixtures.assetBody("SOFTWARE_COPYRIGHT",
                "2021SR" + Fixtures.trademarkNumber().substring(1), "2021-04-01", null, pledgor));
        file(bank, Fixtures.pledgeBody(pledgor, bank, patent, mark, software))
                .statusCode(201)
                .body("assets.kind", hasItem("TRADEMARK"))
                .body("assets.kind", hasItem("SOFTWARE_COPYRIGHT"))
                .body("assets", hasSize(3));
    }

    @Test
    void bankCannotFileAsPledgeeForAnotherBank() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long other = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Fixtures.pledgeBody(pledgor, other, patent))
                .post("/api/v1/pledges")
                .then().statusCode(403).contentType(PROBLEM)
                .body("code", equalTo("forbidden"));
        collateral(patent).body("freeToPledge", equalTo(true));
    }

    @Test
    void registrarCannotFilePledges() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON)
                .body(Fixtures.pledgeBody(pledgor, bank, patent))
                .post("/api/v1/pledges")
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void pledgeeThatIsNotABankIsRefused() {
        long pledgor = Fixtures.enterprise();
        long notABank = Fixtures.enterprise();
        long patent = Fixtures.invention(pledgor);
        // a token whose org is an enterprise: the ledger, not the token, decides who is a bank
        file(notABank, Fixtures.pledgeBody(pledgor, notABank, patent))
                .statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("unknown-or-unfit-party"))
                .body("errors[0].field", equalTo("pledgeeId"))
                .body("errors[0].message", containsString("not a BANK"));
    }

    @Test
    void unknownAssetIsRefused() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        file(bank, Fixtures.pledgeBody(pledgor, bank, patent, 987_654_321L))
                .statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("unknown-asset"))
                .body("detail", containsString("987654321"));
        collateral(patent).body("freeToPledge", equalTo(true));
    }

    @Test
    void registrarRefusalMakesThePledgeVoidAndFreesTheAsset() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long other = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        long pledge = Fixtures.pledge(pledgor, bank, patent);
        transition(Tokens.bank(bank), pledge, "refusal", Map.of("refusedOn", today(), "reason", "自己拒绝"))
                .statusCode(403).contentType(PROBLEM);
        transition(Tokens.registrar(), pledge, "refusal", Map.of("refusedOn", today(), "reason", "材料不全"))
                .statusCode(200)
                .body("status", equalTo("VOID"))
                .body("endedOn", equalTo(today()))
                .body("events.kind", equalTo(List.of("FILED", "REFUSED")))
                .body("events[1].reason", equalTo("材料不全"));
        collateral(patent).body("freeToPledge", equalTo(true)).body("livePledge", nullValue());
        transition(Tokens.registrar(), pledge, "registration", Map.of("officeNumber", Fixtures.officeNumber(),
                "registeredOn", today()))
                .statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("pledge-state-conflict"));
        Fixtures.pledge(pledgor, other, patent);
    }

    @Test
    void enforcementByABankThatIsNotThePledgeeIsForbidden() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long rival = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        long pledge = Fixtures.pledge(pledgor, bank, patent);
        Fixtures.registerPledge(pledge, Fixtures.officeNumber());
        transition(Tokens.bank(rival), pledge, "enforcement", Map.of("enforcedOn", today()))
                .statusCode(403).contentType(PROBLEM)
                .body("code", equalTo("forbidden"));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/pledges/{id}", pledge)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        transition(Tokens.bank(bank), pledge, "enforcement", Map.of("enforcedOn", today(), "reason", "借款人违约"))
                .statusCode(200)
                .body("status", equalTo("ENFORCED"))
                .body("endedOn", equalTo(today()));
        collateral(patent).body("livePledge", nullValue());
    }

    @Test
    void pendingPledgeCannotBeEnforced() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long pledge = Fixtures.pledge(pledgor, bank, Fixtures.invention(pledgor));
        transition(Tokens.bank(bank), pledge, "enforcement", Map.of("enforcedOn", today()))
                .statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("pledge-state-conflict"));
    }

    @Test
    void amendmentChangesTheAmountAsADatedEvent() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long rival = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        long pledge = Fixtures.pledge(pledgor, bank, patent);
        Fixtures.registerPledge(pledge, Fixtures.officeNumber());
        transition(Tokens.bank(rival), pledge, "amendments",
                Map.of("effectiveOn", today(), "securedAmount", "1.00", "reason", "不是我的质押"))
                .statusCode(403).contentType(PROBLEM);
        transition(Tokens.bank(bank), pledge, "amendments",
                Map.of("effectiveOn", today(), "securedAmount", "6000000.00", "reason", "追加贷款"))
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("securedAmount", equalTo("6000000.00"))
                .body("events.kind", equalTo(List.of("FILED", "REGISTERED", "AMENDED")))
                .body("events[2].securedAmount", equalTo("6000000.00"))
                .body("events[2].occurredOn", equalTo(today()))
                .body("events[2].reason", equalTo("追加贷款"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/pledges/{id}", pledge)
                .then().statusCode(200)
                .body("securedAmount", equalTo("6000000.00"))
                .body("events[0].securedAmount", equalTo("5000000.00"));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/assets/{id}/history", patent)
                .then().statusCode(200)
                .body("items.action", hasItem("PLEDGE_AMENDED"));
    }

    @Test
    void amendmentWithoutAmountOrTermIs400() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long pledge = Fixtures.pledge(pledgor, bank, Fixtures.invention(pledgor));
        transition(Tokens.bank(bank), pledge, "amendments", Map.of("effectiveOn", today(), "reason", "nothing"))
                .statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("securedAmount"))
                .body("errors.field", hasItem("termEndsOn"));
    }

    @Test
    void amendmentExtendingTheTermPastExpiryIsRefused() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        // expires in about two years
        LocalDate filed = Fixtures.today().minusYears(8);
        LocalDate expiry = filed.plusYears(10).minusDays(1);
        long model = Fixtures.utilityModel(filed, pledgor);
        Map<String, Object> oneYear = new HashMap<>(Fixtures.pledgeBody(pledgor, bank, model));
        oneYear.put("termEndsOn", Fixtures.today().plusYears(1).toString());
        long pledge = file(bank, oneYear).statusCode(201).extract().jsonPath().getLong("id");
        transition(Tokens.bank(bank), pledge, "amendments",
                Map.of("effectiveOn", today(), "termEndsOn", expiry.plusDays(1).toString(), "reason", "展期"))
                .statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("pledge-refused"))
                .body("refusals[0].assetId", equalTo((int) model))
                .body("refusals[0].reasons.code", equalTo(List.of("expires-before-term-ends")));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/pledges/{id}", pledge)
                .then().statusCode(200)
                .body("termEndsOn", equalTo(Fixtures.today().plusYears(1).toString()))
                .body("events.kind", equalTo(List.of("FILED")));
        transition(Tokens.bank(bank), pledge, "amendments",
                Map.of("effectiveOn", today(), "termEndsOn", expiry.toString(), "reason", "展期"))
                .statusCode(200)
                .body("termEndsOn", equalTo(expiry.toString()))
                .body("events[1].termEndsOn", equalTo(expiry.toString()));
    }

    @Test
    void registrationWithAnOfficeNumberAlreadyUsedIs409() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long first = Fixtures.pledge(pledgor, bank, Fixtures.invention(pledgor));
        long second = Fixtures.pledge(pledgor, bank, Fixtures.invention(pledgor));
        String office = Fixtures.officeNumber();
        Fixtures.registerPledge(first, office);
        transition(Tokens.registrar(), second, "registration", Map.of("officeNumber", office, "registeredOn", today()))
                .statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("duplicate-office-number"))
                .body("detail", containsString(office));
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/pledges/{id}", second)
                .then().statusCode(200).body("status", equalTo("PENDING")).body("officeNumber", nullValue());
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/pledges/{id}", first)
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("officeNumber", equalTo(office));
    }

    @Test
    void concurrentRegistrationsWithOneOfficeNumberGiveOneWinnerAndDuplicateOfficeNumber() throws Exception {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                long[] pledges = {Fixtures.pledge(pledgor, bank, Fixtures.invention(pledgor)),
                        Fixtures.pledge(pledgor, bank, Fixtures.invention(pledgor))};
                String office = Fixtures.officeNumber();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Response>> answers = new ArrayList<>();
                for (long pledge : pledges) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON)
                                .body(Map.of("officeNumber", office, "registeredOn", today()))
                                .post("/api/v1/pledges/{id}/registration", pledge);
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                List<String> codes = new ArrayList<>();
                for (Future<Response> answer : answers) {
                    Response r = answer.get(60, TimeUnit.SECONDS);
                    statuses.add(r.statusCode());
                    if (r.statusCode() == 409) {
                        codes.add(r.jsonPath().getString("code"));
                    }
                }
                statuses.sort(null);
                assertEquals(List.of(200, 409), statuses, "one registration wins");
                assertEquals(List.of("duplicate-office-number"), codes, "the loser is told why");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void pledgeSearchWithUnknownStatusIs400NamingStatus() {
        given().auth().oauth2(Tokens.regulator()).queryParam("status", "LIVE").get("/api/v1/pledges")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("status"));
    }

    @Test
    void pledgeSearchPageFarBeyondTheEndIsNotAServerError() {
        given().auth().oauth2(Tokens.regulator()).queryParam("page", 20_000_000).queryParam("size", 200)
                .get("/api/v1/pledges")
                .then().statusCode(anyOf(equalTo(200), equalTo(400)));
    }

    @Test
    void amountWithThreeDecimalsIs400NamingSecuredAmount() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        Map<String, Object> body = new HashMap<>(Fixtures.pledgeBody(pledgor, bank, patent));
        body.put("securedAmount", "5000000.001");
        file(bank, body)
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors.field", equalTo(List.of("securedAmount")));
        collateral(patent).body("freeToPledge", equalTo(true));
    }

    @Test
    void zeroAmountIs400NamingSecuredAmount() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        Map<String, Object> body = new HashMap<>(Fixtures.pledgeBody(pledgor, bank, Fixtures.invention(pledgor)));
        body.put("securedAmount", "0.00");
        file(bank, body).statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("securedAmount")));
    }

    @Test
    void termEndingBeforeItStartsIs400NamingTermEndsOn() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        Map<String, Object> body = new HashMap<>(Fixtures.pledgeBody(pledgor, bank, Fixtures.invention(pledgor)));
        body.put("termEndsOn", Fixtures.today().minusDays(1).toString());
        file(bank, body).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("termEndsOn"));
    }

    @Test
    void assetNamedTwiceIs400NamingAssetIds() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        file(bank, Fixtures.pledgeBody(pledgor, bank, patent, patent)).statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("assetIds"));
    }
}
