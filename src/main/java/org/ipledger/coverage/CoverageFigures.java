package org.ipledger.coverage;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/**
 * A loan's coverage in figures; see {@link CoverageRule} for how each is computed. Amounts are CNY with
 * 2 decimals, ratios and the threshold decimal strings with 4.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoverageFigures(
        @Schema(description = "Outstanding principal, derived from the loan's events") BigDecimal outstanding,
        @Schema(description = "Sum of the latest valuation of every pledged asset (unvalued assets count 0)")
        BigDecimal appraisedValue,
        @Schema(description = "Sum over the pledged assets of latest valuation x pledge rate of its kind, each rounded "
                + "down to the fen") BigDecimal lendableValue,
        @Schema(type = SchemaType.STRING, pattern = CoverageRule.RATIO_PATTERN, examples = "1.0000",
                description = "The bank's breach threshold: the loan breaches when outstanding > lendableValue x threshold")
        BigDecimal breachThreshold,
        @Schema(description = "lendableValue x breachThreshold, rounded down to the fen: the most that may be "
                + "outstanding without a breach") BigDecimal outstandingLimit,
        @Schema(type = SchemaType.STRING, pattern = CoverageRule.RATIO_PATTERN, examples = "0.2400",
                description = "outstanding / appraisedValue, 4 decimals rounded up; absent when nothing is appraised")
        BigDecimal loanToValue,
        @Schema(type = SchemaType.STRING, pattern = CoverageRule.RATIO_PATTERN, examples = "1.0417",
                description = "lendableValue / outstanding, 4 decimals rounded down; absent when nothing is outstanding")
        BigDecimal coverageRatio,
        @Schema(description = "outstanding > outstandingLimit") boolean breached,
        @Schema(description = "In a valuation alert: the lendable value before that valuation")
        BigDecimal previousLendableValue) {

    public CoverageFigures withPreviousLendableValue(BigDecimal previous) {
        return new CoverageFigures(outstanding, appraisedValue, lendableValue, breachThreshold, outstandingLimit,
                loanToValue, coverageRatio, breached, previous);
    }
}
