package org.ipledger.coverage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.loan.Balances;
import org.ipledger.loan.Loan;
import org.ipledger.loan.LoanRepository;
import org.ipledger.party.PartyRef;
import org.ipledger.registry.AssetKind;
import org.ipledger.registry.EncumbranceKind;
import org.ipledger.registry.LegalStatus;
import org.ipledger.registry.LegalTerms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A loan's coverage by its pledged assets (see {@link CoverageRule}) and the risks those assets carry.
 * {@link #compute} runs in the caller's session, so a registrar's legal event or a valuation is seen
 * before it commits.
 */
@ApplicationScoped
public class CoverageService {

    /** Loans whose collateral is watched: not yet disbursed, running or defaulted. */
    static final List<String> LIVE_LOAN_STATUSES = List.of("CONTRACTED", "ACTIVE", "DEFAULTED");

    private final LoanRepository loans;
    private final RiskSettingsService settings;

    public CoverageService(LoanRepository loans, RiskSettingsService settings) {
        this.loans = loans;
        this.settings = settings;
    }

    @WithSession
    public Uni<CoverageView> get(Caller caller, long loanId) {
        return loans.findFull(loanId).flatMap(loan -> {
            if (loan == null || (caller.scopedToOwnOrg() && caller.bankId() != loan.lender.id)) {
                throw ApiProblem.notFound("loan", loanId);
            }
            return compute(loan, null);
        });
    }

    /** The coverage of the loan now, in the caller's session. */
    public Uni<CoverageView> compute(long loanId) {
        return loans.findFull(loanId).flatMap(loan -> compute(loan, null));
    }

    /** The coverage as it was before the given valuation was recorded: that valuation left out. */
    public Uni<CoverageView> computeWithout(long loanId, long valuationId) {
        return loans.findFull(loanId).flatMap(loan -> compute(loan, valuationId));
    }

    /** Live loans (CONTRACTED, ACTIVE, DEFAULTED) secured by a live pledge of the asset. */
    /** Which of {@code assetIds} secure a live loan: one query for a bulk load, instead of one per asset. */
    public Uni<Set<Long>> assetsSecuringLiveLoans(Collection<Long> assetIds) {
        if (assetIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String ids = assetIds.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        select distinct pa.asset_id from pledge_asset pa
                        join pledge p on p.id = pa.pledge_id and p.status in ('PENDING', 'ACTIVE')
                        join loan_pledge lp on lp.pledge_id = p.id
                        join loan l on l.id = lp.loan_id and l.status in (:live)
                        where pa.asset_id = any(cast(cast(:assets as text) as bigint[]))""", Long.class)
                .setParameter("assets", ids)
                .setParameter("live", LIVE_LOAN_STATUSES)
                .getResultList()
                .map(Set::copyOf));
    }

    public Uni<List<Long>> liveLoansOn(long assetId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        select distinct l.id from pledge_asset pa
                        join pledge p on p.id = pa.pledge_id and p.status in ('PENDING', 'ACTIVE')
                        join loan_pledge lp on lp.pledge_id = p.id
                        join loan l on l.id = lp.loan_id and l.status in (:live)
                        where pa.asset_id = :asset order by l.id""", Long.class)
                .setParameter("asset", assetId)
                .setParameter("live", LIVE_LOAN_STATUSES)
                .getResultList());
    }

    private Uni<CoverageView> compute(Loan loan, Long excludedValuationId) {
        return loans.events(loan.id).flatMap(events -> settings.forBank(loan.lender.id)
                .flatMap(risk -> collateral(loan.id, excludedValuationId).map(rows -> {
                    BigDecimal outstanding = Balances.of(events).outstanding();
                    LocalDate today = LocalDate.now(ZoneOffset.UTC);
                    List<CoverageView.AssetCoverage> assets = new ArrayList<>();
                    List<CoverageRule.Collateral> collateral = new ArrayList<>();
                    for (Object[] r : rows) {
                        AssetKind kind = AssetKind.valueOf((String) r[1]);
                        LocalDate expiresOn = r[4] == null ? null : LocalDate.parse((String) r[4]);
                        LegalStatus status = LegalTerms.effective(LegalStatus.valueOf((String) r[3]), expiresOn, today);
                        CoverageView.LatestValuation latest = r[7] == null ? null : new CoverageView.LatestValuation(
                                ((Number) r[7]).longValue(), new BigDecimal((String) r[8]), LocalDate.parse((String) r[9]));
                        BigDecimal rate = risk.rate(kind);
                        BigDecimal amount = latest == null ? null : latest.amount();
                        collateral.add(new CoverageRule.Collateral(amount, rate));
                        Set<EncumbranceKind> open = r[10] == null ? Set.of() : Arrays.stream(((String) r[10]).split(","))
                                .map(EncumbranceKind::valueOf).collect(Collectors.toSet());
                        assets.add(new CoverageView.AssetCoverage(((Number) r[0]).longValue(), kind, (String) r[2],
                                ((Number) r[5]).longValue(), (String) r[6], status, expiresOn, latest, rate,
                                CoverageRule.lendable(amount, rate), risks(status, open, expiresOn, loan.maturityDate)));
                    }
                    CoverageFigures figures = CoverageRule.figures(outstanding, collateral, risk.breachThreshold());
                    return new CoverageView(loan.id, PartyRef.of(loan.lender), PartyRef.of(loan.borrower), loan.status,
                            loan.maturityDate, figures, risk.source(), assets.stream().anyMatch(a -> !a.risks().isEmpty()),
                            assets, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
                })));
    }

    static List<CoverageView.Risk> risks(LegalStatus status, Set<EncumbranceKind> open, LocalDate expiresOn,
                                         LocalDate maturity) {
        List<CoverageView.Risk> risks = new ArrayList<>();
        if (status != LegalStatus.VALID) {
            risks.add(new CoverageView.Risk(CollateralRisk.NOT_VALID, "legal status is " + status + ", not VALID"));
        }
        if (open.contains(EncumbranceKind.COURT_FREEZE)) {
            risks.add(new CoverageView.Risk(CollateralRisk.COURT_FREEZE, "frozen by a court"));
        }
        if (open.contains(EncumbranceKind.OWNERSHIP_DISPUTE)) {
            risks.add(new CoverageView.Risk(CollateralRisk.OWNERSHIP_DISPUTE, "its ownership is disputed"));
        }
        if (open.contains(EncumbranceKind.INVALIDATION_PROCEEDINGS)) {
            risks.add(new CoverageView.Risk(CollateralRisk.INVALIDATION_PROCEEDINGS, "under invalidation proceedings"));
        }
        if (expiresOn != null && expiresOn.isBefore(maturity)) {
            risks.add(new CoverageView.Risk(CollateralRisk.EXPIRES_BEFORE_MATURITY,
                    "protection ends on " + expiresOn + ", before the loan matures on " + maturity));
        }
        return risks;
    }

    /**
     * One row per asset of the loan's live pledges: id, kind, registry number, recorded status, expiry,
     * pledge id and ledger number, latest valuation (id, amount, date; the excluded one left out) and the
     * open encumbrance kinds. Dates and amounts are read as text and parsed exactly.
     */
    private Uni<List<Object[]>> collateral(long loanId, Long excludedValuationId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        select a.id, a.kind, a.registry_number, a.legal_status, cast(a.expires_on as text),
                               p.id, p.ledger_number, v.id, cast(v.amount as text), cast(v.valued_on as text),
                               (select string_agg(e.kind, ',' order by e.kind) from asset_encumbrance e
                                where e.asset_id = a.id and e.ended_on is null)
                        from loan_pledge lp
                        join pledge p on p.id = lp.pledge_id and p.status in ('PENDING', 'ACTIVE')
                        join pledge_asset pa on pa.pledge_id = p.id
                        join ip_asset a on a.id = pa.asset_id
                        left join lateral (select v.id, v.amount, v.valued_on from valuation v
                                           where v.asset_id = a.id and v.id <> :excluded
                                           order by v.valued_on desc, v.id desc limit 1) v on true
                        where lp.loan_id = :loan
                        order by a.id""", Object[].class)
                .setParameter("loan", loanId)
                .setParameter("excluded", excludedValuationId == null ? -1L : excludedValuationId)
                .getResultList());
    }
}
