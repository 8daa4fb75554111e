package org.ipledger.registry;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;
import java.time.OffsetDateTime;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record LegalEventView(long id, long assetId, LegalEventKind kind, LocalDate occurredOn, String reference,
                             String note, OffsetDateTime recordedAt, LegalStatus statusAfter, Long journalSeq) {

    public static LegalEventView of(LegalEvent e, LegalStatus statusAfter) {
        return new LegalEventView(e.id, e.assetId, e.kind, e.occurredOn, e.reference, e.note, e.recordedAt, statusAfter, null);
    }

    public LegalEventView withJournalSeq(long seq) {
        return new LegalEventView(id, assetId, kind, occurredOn, reference, note, recordedAt, statusAfter, seq);
    }
}
