package org.ipledger.pledge;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.party.PartyRef;
import org.ipledger.registry.AssetKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A pledge as the caller may see it: another bank's secured amounts are left out, as on a public register. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PledgeView(long id, String ledgerNumber, String officeNumber, PledgeStatus status,
                         List<PartyRef> pledgors, PartyRef pledgee, List<AssetRef> assets,
                         
                         @Schema(description = "CNY; only for the pledgee, the registrar, regulators and admins")
                         BigDecimal securedAmount,
                         LocalDate termStartsOn, LocalDate termEndsOn, Boolean invalidationRiskAcknowledged,
                         OffsetDateTime filedAt, LocalDate registeredOn, LocalDate endedOn,
                         List<EventView> events, Long journalSeq) {

    public record AssetRef(long id, AssetKind kind, String registryNumber) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(PledgeEventKind kind, LocalDate occurredOn,
                            BigDecimal securedAmount,
                            LocalDate termEndsOn, String officeNumber, String reason, OffsetDateTime recordedAt) {
    }

    /** Members a bank that is not the pledgee does not see: the business terms of the pledge. */
    public static final List<String> TERMS_MEMBERS =
            List.of("securedAmount", "termStartsOn", "termEndsOn", "invalidationRiskAcknowledged", "events");

    /**
     * What a public register shows to a bank that is not the pledgee: that the pledge exists, its
     * numbers, parties, assets and dates; not its terms ({@link #TERMS_MEMBERS}).
     */
    public PledgeView redacted() {
        return new PledgeView(id, ledgerNumber, officeNumber, status, pledgors, pledgee, assets, null, null,
                null, null, filedAt, registeredOn, endedOn, null, journalSeq);
    }

    public PledgeView withJournalSeq(long seq) {
        return new PledgeView(id, ledgerNumber, officeNumber, status, pledgors, pledgee, assets, securedAmount,
                termStartsOn, termEndsOn, invalidationRiskAcknowledged, filedAt, registeredOn, endedOn, events, seq);
    }
}
