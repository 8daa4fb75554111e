package org.ipledger.alert;

import org.ipledger.common.ApiProblem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookRulesTest {

    @Test
    void httpIsAcceptedOnlyForLoopbackHostsAndNothingIsResolved() {
        assertTrue(WebhookUrls.isLoopback("localhost"));
        assertTrue(WebhookUrls.isLoopback("127.0.0.1"));
        assertTrue(WebhookUrls.isLoopback("127.8.9.10"));
        assertTrue(WebhookUrls.isLoopback("[::1]"));
        assertTrue(WebhookUrls.isLoopback("[0:0:0:0:0:0:0:1]"));
        assertFalse(WebhookUrls.isLoopback("128.0.0.1"));
        assertFalse(WebhookUrls.isLoopback("10.0.0.1"));
        assertFalse(WebhookUrls.isLoopback("localhost.bank.example"));
        assertFalse(WebhookUrls.isLoopback("127.0.0.1.nip.example"));
        assertFalse(WebhookUrls.isLoopback("[::2]"));
        assertEquals("http://127.0.0.1:9000/a?b=1", WebhookUrls.check(" http://127.0.0.1:9000/a?b=1 ", "url"));
        ApiProblem p = assertThrows(ApiProblem.class, () -> WebhookUrls.check("http://bank.example/a", "url"));
        assertEquals("url", p.errors().get(0).field());
        assertThrows(ApiProblem.class, () -> WebhookUrls.check("mailto:risk@bank.example", "url"));
        assertThrows(ApiProblem.class, () -> WebhookUrls.check("/relative/path", "url"));
    }

    @Test
    void theSignatureIsTheHexHmacOfTimestampDotBodyAndVerifiesOnlyUnchangedWithinTolerance() {
        String secret = "whsec_test";
        byte[] body = "{\"id\":1,\"detail\":\"专利权终止\"}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.header(secret, 1_700_000_000L, body);
        assertTrue(header.matches("t=1700000000,v1=[0-9a-f]{64}"), header);
        assertTrue(WebhookSignature.verify(secret, header, body, 1_700_000_100L, 300));
        assertFalse(WebhookSignature.verify(secret, header, body, 1_700_000_301L, 300), "too old: a replay");
        assertFalse(WebhookSignature.verify("whsec_other", header, body, 1_700_000_000L, 300));
        byte[] changed = "{\"id\":2,\"detail\":\"专利权终止\"}".getBytes(StandardCharsets.UTF_8);
        assertFalse(WebhookSignature.verify(secret, header, changed, 1_700_000_000L, 300));
        assertFalse(WebhookSignature.verify(secret, header.replace("t=1700000000", "t=1700000001"), body,
                1_700_000_000L, 300), "the timestamp is signed too");
        assertFalse(WebhookSignature.verify(secret, null, body, 1_700_000_000L, 300));
    }

    @Test
    void secretsAreFreshAndRecognisable() {
        String a = WebhookSignature.newSecret();
        String b = WebhookSignature.newSecret();
        assertTrue(a.matches("whsec_[A-Za-z0-9_-]{43}"), a);
        assertNotEquals(a, b);
    }

    @Test
    void retriesBackOffExponentiallyFromTheFirstDelay() {
        Duration first = Duration.ofSeconds(1);
        assertEquals(Duration.ofSeconds(1), DeliveryWorker.retryDelay(first, 1));
        assertEquals(Duration.ofSeconds(2), DeliveryWorker.retryDelay(first, 2));
        assertEquals(Duration.ofSeconds(4), DeliveryWorker.retryDelay(first, 3));
        assertEquals(Duration.ofSeconds(64), DeliveryWorker.retryDelay(first, 7));
    }
}
