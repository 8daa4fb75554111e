package org.ipledger.alert;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.ipledger.testsupport.Eventually;
import org.ipledger.testsupport.Fixtures;
import org.ipledger.testsupport.LoanFixtures;
import org.ipledger.testsupport.Tokens;
import org.ipledger.testsupport.WebhookReceiver;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class WebhookDeliveryTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    static JsonPath registerWebhook(long bank, String url) {
        return given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("url", url, "description", "风险预警")).post("/api/v1/webhooks")
                .then().statusCode(201).extract().jsonPath();
    }

    static JsonPath deliveries(long bank, long webhook) {
        return given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/webhooks/{id}/deliveries", webhook)
                .then().statusCode(200).extract().jsonPath();
    }

    static JsonPath awaitDelivery(long bank, long webhook, String status) {
        return Eventually.await("a " + status + " delivery to webhook " + webhook, DEADLINE,
                () -> deliveries(bank, webhook),
                page -> page.getInt("total") == 1 && status.equals(page.getString("items[0].status")));
    }

    static void lapse(long asset) {
        Fixtures.legalEvent(asset, "FEE_UNPAID", Fixtures.today().toString());
    }

    static String hmacHex(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLapseOnAPledgedAssetOfAnActiveLoanIsDeliveredToTheLendersWebhookSignedWithItsSecret() throws Exception {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            JsonPath webhook = registerWebhook(s.bank(), receiver.url());
            String secret = webhook.getString("secret");
            assertTrue(secret.startsWith("whsec_"), secret);
            long webhookId = webhook.getLong("id");

            lapse(s.asset());

            JsonPath alerts = given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/alerts?loanId=" + s.loan())
                    .then().statusCode(200).body("total", equalTo(1)).body("items[0].kind", equalTo("NOT_VALID"))
                    .extract().jsonPath();
            long alertId = alerts.getLong("items[0].id");

            JsonPath delivered = awaitDelivery(s.bank(), webhookId, "DELIVERED");
            assertEquals(alertId, delivered.getLong("items[0].alertId"));
            assertEquals(1, delivered.getInt("items[0].attemptCount"));
            assertEquals(200, delivered.getInt("items[0].attempts[0].statusCode"));

            List<WebhookReceiver.Received> got = receiver.received();
            assertEquals(1, got.size());
            WebhookReceiver.Received request = got.get(0);
            assertEquals("POST", request.method());
            assertEquals("/ipledger/alerts", request.path());
            assertTrue(request.header("Content-Type").startsWith("application/json"));
            assertEquals(delivered.getString("items[0].id"), request.header("Ipledger-Delivery-Id"));

            // Ipledger-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>
            String signature = request.header("Ipledger-Signature");
            assertNotNull(signature);
            String[] parts = signature.split(",");
            assertTrue(parts[0].startsWith("t=") && parts[1].startsWith("v1="), signature);
            long t = Long.parseLong(parts[0].substring(2));
            assertTrue(Math.abs(Instant.now().getEpochSecond() - t) < 60, "timestamp " + t + " is not now");
            assertEquals(hmacHex(secret, t + "." + request.bodyText()), parts[1].substring(3));
            assertFalse(parts[1].substring(3).equals(hmacHex("whsec_another", t + "." + request.bodyText())));

            // The body is the alert as the API shows it.
            JsonPath body = JsonPath.from(request.bodyText());
            Map<String, Object> shown = given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/alerts/{id}", alertId)
                    .then().statusCode(200).extract().jsonPath().getMap("");
            assertEquals(shown, body.getMap(""));
            assertEquals("FEE_UNPAID", body.getString("trigger.kind"));
            assertEquals(s.asset(), body.getLong("asset.id"));
            assertEquals(s.bank(), body.getLong("bank.id"));
        }
    }

    @Test
    void aReceiverThatFailsIsRetriedWithGrowingDelaysUntilItAnswers2xxAndEveryAttemptIsShown() {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        try (WebhookReceiver receiver = WebhookReceiver.answering(200, 500, 500)) {
            long webhookId = registerWebhook(s.bank(), receiver.url()).getLong("id");
            lapse(s.asset());

            JsonPath page = awaitDelivery(s.bank(), webhookId, "DELIVERED");
            assertEquals(3, page.getInt("items[0].attemptCount"));
            assertEquals(List.of(500, 500, 200), page.getList("items[0].attempts.statusCode", Integer.class));
            assertEquals(List.of(false, false, true), page.getList("items[0].attempts.succeeded", Boolean.class));
            assertEquals(List.of(1, 2, 3), page.getList("items[0].attempts.attempt", Integer.class));
            assertNotNull(page.getString("items[0].deliveredAt"));
            // Backoff: the n-th retry waits at least 100 ms x 2^(n-1) (the %test first-retry-delay).
            List<OffsetDateTime> at = page.getList("items[0].attempts.attemptedAt", String.class).stream()
                    .map(OffsetDateTime::parse).toList();
            assertTrue(Duration.between(at.get(0), at.get(1)).toMillis() >= 100, at.toString());
            assertTrue(Duration.between(at.get(1), at.get(2)).toMillis() >= 200, at.toString());

            List<WebhookReceiver.Received> got = receiver.received();
            assertEquals(3, got.size());
            assertEquals(1, got.stream().map(r -> r.header("Ipledger-Delivery-Id")).distinct().count(),
                    "every retry carries the same delivery id");
            assertEquals(1, got.stream().map(WebhookReceiver.Received::bodyText).distinct().count(),
                    "every retry sends the same body");
        }
    }

    @Test
    void anUnreachableReceiverIsRetriedUntilTheLastAttemptThenTheDeliveryFailsWithTheErrors() throws Exception {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        long webhookId = registerWebhook(s.bank(), "http://127.0.0.1:" + closedPort + "/hook").getLong("id");
        lapse(s.asset());

        JsonPath page = awaitDelivery(s.bank(), webhookId, "FAILED");
        assertEquals(4, page.getInt("items[0].attemptCount"), "the %test max-attempts");
        assertEquals(4, page.getList("items[0].attempts").size());
        assertEquals(List.of(false, false, false, false), page.getList("items[0].attempts.succeeded", Boolean.class));
        for (int i = 0; i < 4; i++) {
            assertNotNull(page.getString("items[0].attempts[" + i + "].error"));
            assertNull(page.get("items[0].attempts[" + i + "].statusCode"));
        }
        assertNull(page.get("items[0].nextAttemptAt"));
        given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/webhooks/{id}/deliveries?status=FAILED", webhookId)
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aDeactivatedWebhookHasItsPendingDeliveriesCancelledAndIsKeptInactive() {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        try (WebhookReceiver receiver = WebhookReceiver.answering(503)) {
            long webhookId = registerWebhook(s.bank(), receiver.url()).getLong("id");
            lapse(s.asset());
            Eventually.await("a first failed attempt", DEADLINE, () -> deliveries(s.bank(), webhookId),
                    page -> page.getInt("total") == 1 && page.getInt("items[0].attemptCount") >= 1);

            given().auth().oauth2(Tokens.bank(s.bank())).delete("/api/v1/webhooks/{id}", webhookId)
                    .then().statusCode(200).body("active", equalTo(false)).body("deactivatedAt", notNullValue())
                    .body("journalSeq", notNullValue()).body("secret", nullValue());
            given().auth().oauth2(Tokens.bank(s.bank())).delete("/api/v1/webhooks/{id}", webhookId)
                    .then().statusCode(200).body("active", equalTo(false)).body("journalSeq", nullValue());
            given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/webhooks/{id}/deliveries", webhookId)
                    .then().statusCode(200).body("items[0].status", equalTo("CANCELLED"))
                    .body("items[0].nextAttemptAt", nullValue());
            given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/webhooks?active=false")
                    .then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem((int) webhookId));
            given().auth().oauth2(Tokens.bank(s.bank())).get("/api/v1/webhooks?active=true")
                    .then().statusCode(200).body("items.findAll { it.id == " + webhookId + " }", hasSize(0));
        }
    }

    @Test
    void aBankSeesOnlyItsOwnWebhooksAndDeliveriesAndNeverAnotherBanksAlerts() {
        LoanFixtures.SecuredLoan s = LoanFixtures.activeLoan("10000000.00", "2000000.00");
        long rival = Fixtures.bank();
        try (WebhookReceiver ours = WebhookReceiver.accepting(); WebhookReceiver theirs = WebhookReceiver.accepting()) {
            long webhookId = registerWebhook(s.bank(), ours.url()).getLong("id");
            long rivalHook = registerWebhook(rival, theirs.url()).getLong("id");
            lapse(s.asset());
            awaitDelivery(s.bank(), webhookId, "DELIVERED");

            given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/webhooks/{id}/deliveries", rivalHook)
                    .then().statusCode(200).body("total", equalTo(0));
            assertEquals(0, theirs.received().size());

            given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/webhooks/{id}", webhookId)
                    .then().statusCode(404).contentType(PROBLEM);
            given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/webhooks/{id}/deliveries", webhookId)
                    .then().statusCode(404).contentType(PROBLEM);
            given().auth().oauth2(Tokens.bank(rival)).delete("/api/v1/webhooks/{id}", webhookId)
                    .then().statusCode(404).contentType(PROBLEM);
            given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/webhooks")
                    .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo((int) rivalHook))
                    .body("items[0].secret", nullValue());
            given().auth().oauth2(Tokens.bank(rival)).get("/api/v1/webhooks?bankId=" + s.bank())
                    .then().statusCode(403).contentType(PROBLEM);
            given().auth().oauth2(Tokens.regulator()).get("/api/v1/webhooks?bankId=" + s.bank())
                    .then().statusCode(200).body("total", equalTo(1)).body("items[0].url", equalTo(ours.url()));
            given().auth().oauth2(Tokens.regulator()).get("/api/v1/webhooks/{id}/deliveries", webhookId)
                    .then().statusCode(200).body("items[0].status", equalTo("DELIVERED"));
            given().auth().oauth2(Tokens.registrar()).contentType(ContentType.JSON)
                    .body(Map.of("url", ours.url())).post("/api/v1/webhooks").then().statusCode(403);
        }
    }

    @Test
    void aWebhookUrlMustBeHttpsOrHttpToALoopbackHostAndBadInputIsA400NamingTheField() {
        long bank = Fixtures.bank();
        for (String url : List.of("not a url", "bank.example/hook", "http://risk.bank.example/hook", "http://10.0.0.8/hook",
                "ftp://127.0.0.1/hook", "https://user:secret@risk.bank.example/hook", "https://risk.bank.example/hook#x",
                "", "https:///nohost")) {
            given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(Map.of("url", url))
                    .post("/api/v1/webhooks")
                    .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("validation-failed"))
                    .body("errors[0].field", equalTo("url"));
        }
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(Map.of("description", "x"))
                .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("url"));
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .body(Map.of("url", "https://risk.bank.example/hook", "secret", "mine"))
                .post("/api/v1/webhooks").then().statusCode(400).body("errors[0].field", equalTo("secret"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/webhooks?active=perhaps")
                .then().statusCode(400).body("errors[0].field", equalTo("active"));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/webhooks").then().statusCode(200).body("total", equalTo(0));

        for (String url : List.of("https://risk.bank.example/ipledger", "http://localhost:8089/hook", "http://[::1]:8089/h")) {
            given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON).body(Map.of("url", url))
                    .post("/api/v1/webhooks").then().statusCode(201).body("url", equalTo(url))
                    .body("secret", startsWith("whsec_")).body("active", equalTo(true));
        }
    }

    @Test
    void aRetriedRegistrationWithTheSameIdempotencyKeyCreatesOneWebhook() {
        long bank = Fixtures.bank();
        Map<String, Object> body = Map.of("url", "https://risk.bank.example/retry");
        JsonPath first = given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .header("Idempotency-Key", "hook-1").body(body).post("/api/v1/webhooks")
                .then().statusCode(201).extract().jsonPath();
        given().auth().oauth2(Tokens.bank(bank)).contentType(ContentType.JSON)
                .header("Idempotency-Key", "hook-1").body(body).post("/api/v1/webhooks")
                .then().statusCode(201).body("id", equalTo(first.getInt("id")));
        given().auth().oauth2(Tokens.bank(bank)).get("/api/v1/webhooks").then().body("total", equalTo(1));
    }
}
