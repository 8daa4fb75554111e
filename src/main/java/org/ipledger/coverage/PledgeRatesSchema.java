package org.ipledger.coverage;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The contract's shape of pledge rates: one decimal string with at most 4 decimals per IP kind (the
 * names of {@code AssetKind}).
 * Used only in schema annotations; the Java side is a {@code Map<AssetKind, BigDecimal>}.
 */
@Schema(name = "PledgeRates", description = "Share of an asset's latest valuation lent against, by IP kind: "
        + "each from 0 to 1, at most 4 decimals",
        requiredProperties = {"INVENTION_PATENT", "UTILITY_MODEL", "DESIGN", "TRADEMARK", "COPYRIGHT", "SOFTWARE_COPYRIGHT"})
@SuppressWarnings("unused")
final class PledgeRatesSchema {

    @Schema(pattern = CoverageRule.RATIO_PATTERN, examples = "0.25")
    public String INVENTION_PATENT;
    @Schema(pattern = CoverageRule.RATIO_PATTERN, examples = "0.15")
    public String UTILITY_MODEL;
    @Schema(pattern = CoverageRule.RATIO_PATTERN, examples = "0.15")
    public String DESIGN;
    @Schema(pattern = CoverageRule.RATIO_PATTERN, examples = "0.50")
    public String TRADEMARK;
    @Schema(pattern = CoverageRule.RATIO_PATTERN, examples = "0.20")
    public String COPYRIGHT;
    @Schema(pattern = CoverageRule.RATIO_PATTERN, examples = "0.20")
    public String SOFTWARE_COPYRIGHT;

    private PledgeRatesSchema() {
    }
}
