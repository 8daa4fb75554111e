package org.ipledger.coverage;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.party.PartyRef;
import org.ipledger.registry.AssetKind;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record RiskSettingsView(PartyRef bank,
                               @Schema(implementation = PledgeRatesSchema.class, description = "Pledge rate by IP kind, "
                                       + "answered with 4 decimals")
                               Map<AssetKind, BigDecimal> pledgeRates,
                               @Schema(type = SchemaType.STRING, pattern = CoverageRule.RATIO_PATTERN, examples = "1.0000",
                                       description = "The loan breaches when outstanding > lendable value x threshold")
                               BigDecimal breachThreshold,
                               @Schema(description = "DEFAULT until the bank sets its own") RiskSettings.Source source,
                               OffsetDateTime updatedAt, String updatedBy, Long journalSeq) {

    static RiskSettingsView of(PartyRef bank, RiskSettings s) {
        return new RiskSettingsView(bank, s.pledgeRates(), s.breachThreshold(), s.source(), s.updatedAt(), s.updatedBy(), null);
    }

    RiskSettingsView withJournalSeq(long seq) {
        return new RiskSettingsView(bank, pledgeRates, breachThreshold, source, updatedAt, updatedBy, seq);
    }
}
