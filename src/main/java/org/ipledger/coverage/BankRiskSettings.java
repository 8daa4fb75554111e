package org.ipledger.coverage;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.ipledger.registry.AssetKind;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;

/** A bank's own risk settings. Written by {@link RiskSettingsService#put} with one upsert statement. */
@Entity
@Table(name = "bank_risk_settings")
public class BankRiskSettings extends PanacheEntityBase {

    @Id
    @Column(name = "bank_id")
    public Long bankId;

    @Column(name = "invention_patent_rate")
    public BigDecimal inventionPatentRate;

    @Column(name = "utility_model_rate")
    public BigDecimal utilityModelRate;

    @Column(name = "design_rate")
    public BigDecimal designRate;

    @Column(name = "trademark_rate")
    public BigDecimal trademarkRate;

    @Column(name = "copyright_rate")
    public BigDecimal copyrightRate;

    @Column(name = "software_copyright_rate")
    public BigDecimal softwareCopyrightRate;

    @Column(name = "breach_threshold")
    public BigDecimal breachThreshold;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    @Version
    public int version;

    RiskSettings toSettings() {
        Map<AssetKind, BigDecimal> rates = new EnumMap<>(AssetKind.class);
        rates.put(AssetKind.INVENTION_PATENT, inventionPatentRate);
        rates.put(AssetKind.UTILITY_MODEL, utilityModelRate);
        rates.put(AssetKind.DESIGN, designRate);
        rates.put(AssetKind.TRADEMARK, trademarkRate);
        rates.put(AssetKind.COPYRIGHT, copyrightRate);
        rates.put(AssetKind.SOFTWARE_COPYRIGHT, softwareCopyrightRate);
        return new RiskSettings(rates, breachThreshold, RiskSettings.Source.BANK, updatedAt, updatedBy);
    }
}
