package org.ipledger.coverage;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.registry.AssetKind;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A bank's risk settings, replaced whole: a rate for every IP kind and the threshold. The map's values are
 * checked by {@link RiskSettingsService#put} (every kind present, 0 to 1, at most 4 decimals), so the
 * contract shows them as decimal strings ({@link PledgeRatesSchema}).
 */
@Schema(name = "RiskSettingsRequest")
public record RiskSettingsInput(
        @NotNull
        @Schema(implementation = PledgeRatesSchema.class, description = "A rate for every IP kind")
        Map<AssetKind, BigDecimal> pledgeRates,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("10") @Digits(integer = 2, fraction = 4)
        @Schema(type = SchemaType.STRING, pattern = CoverageRule.RATIO_PATTERN, examples = "1.00",
                description = "The loan breaches when outstanding > lendable value x threshold; greater than 0, at most 10")
        BigDecimal breachThreshold) {
}
