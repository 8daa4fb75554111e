package org.ipledger.pledge;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class PledgeResourceTest {

    @Test
    void pledgeIsFiledPendingWithLedgerNumberAndExactAmount() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        Map<String, Object> body = new HashMap<>(Fixtures.pledgeBody(pledgor, bank, patent));
        body.put("securedAmount", "12345678.91");
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/pledges")
                .then().statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("ledgerNumber", containsString("IPL-"))
                .body("securedAmount", equalTo("12345678.91"))
                .body("pledgee.id", equalTo((int) bank))
                .body("assets[0].id", equalTo((int) patent));
    }

    @Test
    void twentyConcurrentPledgesOfOneAssetGiveExactlyOneWinner() throws Exception {
        long pledgor = Fixtures.enterprise();
        long patent = Fixtures.invention(pledgor);
        List<Long> banks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            banks.add(Fixtures.bank());
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (long bank : banks) {
            answers.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                        .body(Fixtures.pledgeBody(pledgor, bank, patent)).post("/api/v1/pledges");
            }));
        }
        start.countDown();
        int created = 0;
        int conflicts = 0;
        long winner = -1;
        List<Response> losers = new ArrayList<>();
        for (Future<Response> f : answers) {
            Response r = f.get(60, TimeUnit.SECONDS);
            if (r.statusCode() == 201) {
                created++;
                winner = r.jsonPath().getLong("pledgee.id");
            } else if (r.statusCode() == 409) {
                conflicts++;
                losers.add(r);
            }
        }
        pool.shutdown();
        assertEquals(1, created, "exactly one pledge wins");
        assertEquals(19, conflicts, "every other bank gets 409");
        for (Response loser : losers) {
            assertEquals("asset-already-pledged", loser.jsonPath().getString("code"));
            assertEquals(patent, loser.jsonPath().getLong("existingPledges[0].assetId"));
            assertEquals(winner, loser.jsonPath().getLong("existingPledges[0].pledgee.id"));
            assertEquals(nullValueOf(loser), null, "the loser does not see the winner's amount");
        }
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/pledges?assetId=" + patent)
                .then().statusCode(200).body("total", equalTo(1));
    }

    private static Object nullValueOf(Response r) {
        return r.jsonPath().get("existingPledges[0].securedAmount");
    }

    @Test
    void idempotentRetryReturnsTheSamePledgeAndCreatesNothingNew() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        String key = "retry-" + System.nanoTime();
        Map<String, Object> body = Fixtures.pledgeBody(pledgor, bank, patent);
        long first = given().auth().oauth2(Tokens.bank(bank)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/pledges")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long second = given().auth().oauth2(Tokens.bank(bank)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/v1/pledges")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals(first, second);
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/pledges?assetId=" + patent)
                .then().statusCode(200).body("total", equalTo(1));

        Map<String, Object> other = new HashMap<>(body);
        other.put("securedAmount", "1.00");
        given().auth().oauth2(Tokens.bank(bank)).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(other).post("/api/v1/pledges")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("idempotency-key-reused"));
    }

    @Test
    void lapsedAssetIsRefusedWithItsReason() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        Fixtures.legalEvent(patent, "FEE_UNPAID", "2024-03-16");
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Fixtures.pledgeBody(pledgor, bank, patent)).post("/api/v1/pledges")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("pledge-refused"))
                .body("refusals[0].assetId", equalTo((int) patent))
                .body("refusals[0].reasons.code", hasItem("not-valid"))
                .body("detail", containsString("LAPSED"));
    }

    @Test
    void mixedPledgeIsAllOrNothing() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long good = Fixtures.invention(pledgor);
        long frozen = Fixtures.invention(pledgor);
        Fixtures.legalEvent(frozen, "COURT_FREEZE", "2025-01-10");
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Fixtures.pledgeBody(pledgor, bank, good, frozen)).post("/api/v1/pledges")
                .then().statusCode(422)
                .body("refusals", hasSize(1))
                .body("refusals[0].assetId", equalTo((int) frozen))
                .body("refusals[0].reasons[0].code", equalTo("court-freeze"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/collateral-status?assetId=" + good)
                .then().statusCode(200).body("freeToPledge", equalTo(true)).body("livePledge", nullValue());
    }

    @Test
    void bankCannotReadAnotherBanksAmounts() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long rival = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        long pledge = Fixtures.pledge(pledgor, bank, patent);
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/pledges/" + pledge)
                .then().statusCode(200).body("securedAmount", equalTo("5000000.00"));
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/pledges/" + pledge)
                .then().statusCode(200)
                .body("ledgerNumber", containsString("IPL-"))
                .body("pledgee.id", equalTo((int) bank))
                .body("securedAmount", nullValue())
                .body("termEndsOn", nullValue())
                .body("events", nullValue());
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/collateral-status?assetId=" + patent)
                .then().statusCode(200)
                .body("livePledge.pledgee.id", equalTo((int) bank))
                .body("livePledge.securedAmount", nullValue());
        given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/assets/" + patent + "/history")
                .then().statusCode(200)
                .body("items.find { it.action == 'PLEDGE_FILED' }.state.ledgerNumber", containsString("IPL-"))
                .body("items.find { it.action == 'PLEDGE_FILED' }.state.securedAmount", nullValue());
        given().auth().oauth2(Tokens.regulator()).get("/api/v1/pledges/" + pledge)
                .then().statusCode(200).body("securedAmount", equalTo("5000000.00"));
    }

    @Test
    void lifecyclePendingActiveReleasedFreesTheAsset() {
        long pledgor = Fixtures.enterprise();
        long bank = Fixtures.bank();
        long patent = Fixtures.invention(pledgor);
        long pledge = Fixtures.pledge(pledgor, bank, patent);
        String today = LocalDate.now().toString();
        given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON)
                .body(Map.of("officeNumber", "Y" + System.nanoTime(), "registeredOn", today))
                .post("/api/v1/pledges/{id}/registration", pledge)
                .then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("releasedOn", today)).post("/api/v1/pledges/{id}/release", pledge)
                .then().statusCode(200).body("status", equalTo("RELEASED")).body("endedOn", equalTo(today));
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("releasedOn", today)).post("/api/v1/pledges/{id}/release", pledge)
                .then().statusCode(409).body("code", equalTo("pledge-state-conflict"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/collateral-status?assetId=" + patent)
                .then().statusCode(200).body("freeToPledge", equalTo(true));
        Fixtures.pledge(pledgor, bank, patent);
    }
}
