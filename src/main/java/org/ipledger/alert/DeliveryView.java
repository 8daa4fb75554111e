package org.ipledger.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** A delivery's state and every attempt so far. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(long id, long webhookId, long alertId, WebhookDelivery.Status status,
                           @Schema(description = "Attempts made so far") int attemptCount,
                           @Schema(description = "When the next attempt is due (PENDING only)") OffsetDateTime nextAttemptAt,
                           OffsetDateTime deliveredAt, OffsetDateTime createdAt, List<Attempt> attempts) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DeliveryAttempt")
    public record Attempt(int attempt, OffsetDateTime attemptedAt, int durationMillis,
                          @Schema(description = "The receiver's HTTP status, when it answered") Integer statusCode,
                          @Schema(description = "Why there was no answer (timeout, refused connection, ...)") String error,
                          boolean succeeded) {

        static Attempt of(WebhookDeliveryAttempt a) {
            return new Attempt(a.attempt, a.attemptedAt, a.durationMs, a.statusCode, a.error, a.succeeded);
        }
    }

    static DeliveryView of(WebhookDelivery d, List<Attempt> attempts) {
        return new DeliveryView(d.id, d.webhookId, d.alertId, d.status, d.attempts, d.nextAttemptAt, d.deliveredAt,
                d.createdAt, attempts);
    }
}
