package org.ipledger.coverage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.FieldError;
import org.ipledger.journal.Journal;
import org.ipledger.journal.JournalAction;
import org.ipledger.party.Party;
import org.ipledger.party.PartyKind;
import org.ipledger.party.PartyRef;
import org.ipledger.registry.AssetKind;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A bank's pledge rates and breach threshold: its own once set, the configured defaults until then. */
@ApplicationScoped
public class RiskSettingsService {

    private final RiskSettingsDefaults defaults;
    private final Journal journal;

    public RiskSettingsService(RiskSettingsDefaults defaults, Journal journal) {
        this.defaults = defaults;
        this.journal = journal;
    }

    /** The settings in force for the bank; runs in the caller's session. */
    public Uni<RiskSettings> forBank(long bankId) {
        return BankRiskSettings.<BankRiskSettings>findById(bankId).map(s -> s == null ? defaults.get() : s.toSettings());
    }

    @WithSession
    public Uni<RiskSettingsView> get(Caller caller, long bankId) {
        if (caller.scopedToOwnOrg() && caller.bankId() != bankId) {
            throw ApiProblem.forbidden("a bank sees only its own risk settings");
        }
        return bank(bankId).flatMap(bank -> forBank(bankId).map(s -> RiskSettingsView.of(PartyRef.of(bank), s)));
    }

    /** Replaces the bank's settings whole; journalled. PUT is idempotent by nature: no Idempotency-Key. */
    @WithTransaction
    public Uni<RiskSettingsView> put(Caller caller, long bankId, RiskSettingsInput in) {
        if (caller.bankId() != bankId) {
            throw ApiProblem.forbidden("a bank sets only its own risk settings (party " + caller.bankId() + ")");
        }
        List<FieldError> errors = new ArrayList<>();
        Map<AssetKind, BigDecimal> rates = new EnumMap<>(AssetKind.class);
        for (AssetKind kind : AssetKind.values()) {
            BigDecimal rate = in.pledgeRates().get(kind);
            String field = "pledgeRates[" + kind + "]";
            if (rate == null) {
                errors.add(new FieldError(field, "is required: give a rate for every IP kind"));
            } else if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
                errors.add(new FieldError(field, "must be from 0 to 1"));
            } else if (rate.stripTrailingZeros().scale() > RiskSettings.SCALE) {
                errors.add(new FieldError(field, "must not have more than " + RiskSettings.SCALE + " decimals"));
            } else {
                rates.put(kind, rate.setScale(RiskSettings.SCALE));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        RiskSettings settings = new RiskSettings(rates, in.breachThreshold().setScale(RiskSettings.SCALE),
                RiskSettings.Source.BANK, now, caller.actor());
        return bank(bankId)
                .call(bank -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                                insert into bank_risk_settings (bank_id, invention_patent_rate, utility_model_rate, design_rate,
                                    trademark_rate, copyright_rate, software_copyright_rate, breach_threshold, updated_at, updated_by)
                                values (:bank, :invention, :utility, :design, :trademark, :copyright, :software, :threshold,
                                    :now, :actor)
                                on conflict (bank_id) do update set
                                    invention_patent_rate = excluded.invention_patent_rate,
                                    utility_model_rate = excluded.utility_model_rate,
                                    design_rate = excluded.design_rate,
                                    trademark_rate = excluded.trademark_rate,
                                    copyright_rate = excluded.copyright_rate,
                                    software_copyright_rate = excluded.software_copyright_rate,
                                    breach_threshold = excluded.breach_threshold,
                                    updated_at = excluded.updated_at,
                                    updated_by = excluded.updated_by,
                                    version = bank_risk_settings.version + 1""")
                        .setParameter("bank", bankId)
                        .setParameter("invention", rates.get(AssetKind.INVENTION_PATENT))
                        .setParameter("utility", rates.get(AssetKind.UTILITY_MODEL))
                        .setParameter("design", rates.get(AssetKind.DESIGN))
                        .setParameter("trademark", rates.get(AssetKind.TRADEMARK))
                        .setParameter("copyright", rates.get(AssetKind.COPYRIGHT))
                        .setParameter("software", rates.get(AssetKind.SOFTWARE_COPYRIGHT))
                        .setParameter("threshold", settings.breachThreshold())
                        .setParameter("now", now)
                        .setParameter("actor", caller.actor())
                        .executeUpdate()))
                .flatMap(bank -> {
                    RiskSettingsView view = RiskSettingsView.of(PartyRef.of(bank), settings);
                    return journal.append(caller, JournalAction.RISK_SETTINGS_CHANGED, "RISK_SETTINGS", bankId, List.of(), view)
                            .map(view::withJournalSeq);
                });
    }

    private static Uni<Party> bank(long bankId) {
        return Party.<Party>findById(bankId).map(p -> {
            if (p == null || p.kind != PartyKind.BANK) {
                throw ApiProblem.notFound("bank", bankId);
            }
            return p;
        });
    }
}
