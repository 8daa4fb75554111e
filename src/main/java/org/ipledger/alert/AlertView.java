package org.ipledger.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.coverage.CoverageFigures;
import org.ipledger.party.PartyRef;
import org.ipledger.registry.AssetKind;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** An alert as the bank reads it and as its webhooks receive it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(long id, AlertKind kind, PartyRef bank, long loanId, AssetRef asset, Trigger trigger,
                        String detail,
                        @Schema(description = "The loan's coverage right after the triggering change") CoverageFigures coverage,
                        OffsetDateTime raisedAt, boolean acknowledged, OffsetDateTime acknowledgedAt, String acknowledgedBy,
                        String acknowledgementNote, Long journalSeq) {

    @Schema(name = "AlertAsset")
    public record AssetRef(long id, AssetKind kind, String registryNumber, String title) {
    }

    /** What raised the alert: a legal event (its kind), a valuation, or the loan's recording. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AlertTrigger")
    public record Trigger(Alert.TriggerType type, long id,
                          @Schema(description = "The legal event's kind, for LEGAL_EVENT") String kind,
                          LocalDate occurredOn) {
    }

    /** The part of an alert fixed when it is raised, kept as JSON in alert.content. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Content(AssetRef asset, Trigger trigger, String detail, CoverageFigures coverage) {
    }

    static AlertView of(Alert a, Content c) {
        return new AlertView(a.id, a.kind, PartyRef.of(a.bank), a.loanId, c.asset(), c.trigger(), c.detail(), c.coverage(),
                a.raisedAt, a.acknowledgedAt != null, a.acknowledgedAt, a.acknowledgedBy, a.acknowledgementNote,
                a.journalSeq);
    }

    AlertView withJournalSeq(Long seq) {
        return new AlertView(id, kind, bank, loanId, asset, trigger, detail, coverage, raisedAt, acknowledged, acknowledgedAt,
                acknowledgedBy, acknowledgementNote, seq);
    }
}
