package org.ipledger.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.party.PartyRef;

import java.time.OffsetDateTime;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(long id, PartyRef bank, String url, String description, boolean active,
                          OffsetDateTime createdAt, OffsetDateTime deactivatedAt,
                          @Schema(description = "The HMAC-SHA256 signing secret: only in the answer to the registration. "
                                  + "Keep it; the ledger never shows it again.") String secret,
                          Long journalSeq) {

    static WebhookView of(Webhook w) {
        return new WebhookView(w.id, PartyRef.of(w.bank), w.url, w.description, w.active, w.createdAt, w.deactivatedAt,
                null, null);
    }

    WebhookView withSecret(String secret) {
        return new WebhookView(id, bank, url, description, active, createdAt, deactivatedAt, secret, journalSeq);
    }

    WebhookView withJournalSeq(long seq) {
        return new WebhookView(id, bank, url, description, active, createdAt, deactivatedAt, secret, seq);
    }
}
