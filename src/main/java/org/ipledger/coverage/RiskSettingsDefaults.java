package org.ipledger.coverage;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ipledger.registry.AssetKind;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * Pledge rates and the breach threshold a bank gets until it sets its own, from configuration
 * ({@code ipledger.risk.pledge-rates.KIND}, {@code ipledger.risk.breach-threshold}). Checked at start:
 * every IP kind needs a rate in [0, 1] with at most 4 decimals, and the threshold must be in (0, 10].
 */
@ApplicationScoped
public class RiskSettingsDefaults {

    private final RiskSettings defaults;

    public RiskSettingsDefaults(@ConfigProperty(name = "ipledger.risk.pledge-rates") Map<String, String> rates,
                                @ConfigProperty(name = "ipledger.risk.breach-threshold") BigDecimal threshold) {
        Map<AssetKind, BigDecimal> byKind = new EnumMap<>(AssetKind.class);
        rates.forEach((kind, rate) -> {
            AssetKind k = AssetKind.valueOf(kind.strip());
            byKind.put(k, checked("ipledger.risk.pledge-rates." + k, new BigDecimal(rate.strip()), BigDecimal.ONE, true));
        });
        for (AssetKind kind : AssetKind.values()) {
            if (!byKind.containsKey(kind)) {
                throw new IllegalStateException("ipledger.risk.pledge-rates." + kind + " is not configured");
            }
        }
        this.defaults = new RiskSettings(byKind,
                checked("ipledger.risk.breach-threshold", threshold, BigDecimal.TEN, false),
                RiskSettings.Source.DEFAULT, null, null);
    }

    public RiskSettings get() {
        return defaults;
    }

    private static BigDecimal checked(String name, BigDecimal value, BigDecimal max, boolean zeroAllowed) {
        if (value.signum() < 0 || (!zeroAllowed && value.signum() == 0) || value.compareTo(max) > 0
                || value.stripTrailingZeros().scale() > RiskSettings.SCALE) {
            throw new IllegalStateException(name + " = " + value + " is out of range or has more than "
                    + RiskSettings.SCALE + " decimals");
        }
        return value.setScale(RiskSettings.SCALE);
    }
}
