package org.ipledger.coverage;

import org.ipledger.registry.AssetKind;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The figures a bank's coverage is computed with: the share of an asset's latest valuation it lends
 * against, by IP kind, and the breach threshold. Either the bank's own or the configured defaults.
 */
public record RiskSettings(Map<AssetKind, BigDecimal> pledgeRates, BigDecimal breachThreshold, Source source,
                           OffsetDateTime updatedAt, String updatedBy) {

    /** Rates and the threshold are kept with 4 decimals (0.2500 is 25 %). */
    public static final int SCALE = 4;

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RiskSettingsSource")
    public enum Source {
        /** The ledger's configured defaults: the bank has set none of its own. */
        DEFAULT,
        /** Set by the bank. */
        BANK
    }

    public RiskSettings {
        EnumMap<AssetKind, BigDecimal> rates = new EnumMap<>(AssetKind.class);
        rates.putAll(pledgeRates);
        for (AssetKind kind : AssetKind.values()) {
            if (!rates.containsKey(kind)) {
                throw new IllegalArgumentException("no pledge rate for " + kind);
            }
        }
        pledgeRates = Collections.unmodifiableMap(rates);
    }

    public BigDecimal rate(AssetKind kind) {
        return pledgeRates.get(kind);
    }
}
