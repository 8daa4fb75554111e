package org.ipledger.coverage;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.loan.LoanStatus;
import org.ipledger.party.PartyRef;
import org.ipledger.registry.AssetKind;
import org.ipledger.registry.LegalStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A loan's coverage now: the figures, the settings they were computed with, and each pledged asset. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoverageView(long loanId, PartyRef lender, PartyRef borrower, LoanStatus loanStatus, LocalDate maturityDate,
                           CoverageFigures figures,
                           @Schema(description = "Whose settings gave the rates and threshold: the bank's own or the defaults")
                           RiskSettings.Source settings,
                           @Schema(description = "Some pledged asset carries a risk (see assets[].risks)") boolean atRisk,
                           @Schema(description = "Assets of the loan's live (PENDING or ACTIVE) pledges") List<AssetCoverage> assets,
                           OffsetDateTime computedAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AssetCoverage(long assetId, AssetKind kind, String registryNumber, long pledgeId, String ledgerNumber,
                                LegalStatus legalStatus, LocalDate expiresOn,
                                @Schema(description = "Absent when the asset was never appraised") LatestValuation latestValuation,
                                @Schema(type = SchemaType.STRING, pattern = CoverageRule.RATIO_PATTERN, examples = "0.2500",
                                        description = "The lender's pledge rate for the asset's kind")
                                BigDecimal pledgeRate,
                                @Schema(description = "latestValuation x pledgeRate, rounded down to the fen")
                                BigDecimal lendableValue,
                                List<Risk> risks) {
    }

    @Schema(name = "CoverageValuation")
    public record LatestValuation(long id, BigDecimal amount, LocalDate valuedOn) {
    }

    @Schema(name = "AssetRisk")
    public record Risk(CollateralRisk kind, String detail) {
    }
}
