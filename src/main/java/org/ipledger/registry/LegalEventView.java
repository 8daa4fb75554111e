package org.ipledger.registry;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.time.OffsetDateTime;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record LegalEventView(long id, long assetId, LegalEventKind kind, LocalDate occurredOn, String reference,
                             String note, OffsetDateTime recordedAt, LegalStatus statusAfter) {

    public static LegalEventView of(LegalEvent e, LegalStatus statusAfter) {
        return new LegalEventView(e.id, e.assetId, e.kind, e.occurredOn, e.reference, e.note, e.recordedAt, statusAfter);
    }
}
