package org.ipledger.party;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartyView(long id, PartyKind kind, String name, String creditCode, District district,
                        Industry industry, OffsetDateTime createdAt,
                        @Schema(description = "Journal entry that recorded this change") Long journalSeq) {

    public static PartyView of(Party p) {
        return new PartyView(p.id, p.kind, p.name, p.creditCode, p.district, p.industry, p.createdAt, null);
    }

    /** The same answer stamped with the journal entry that recorded it: keep it to ask for a proof later. */
    public PartyView withJournalSeq(long seq) {
        return new PartyView(id, kind, name, creditCode, district, industry, createdAt, seq);
    }
}
