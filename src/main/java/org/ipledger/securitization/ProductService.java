package org.ipledger.securitization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.FieldError;
import org.ipledger.common.Idempotency;
import org.ipledger.common.Money;
import org.ipledger.common.Page;
import org.ipledger.common.Roles;
import org.ipledger.journal.Journal;
import org.ipledger.journal.JournalAction;
import org.ipledger.loan.Balances;
import org.ipledger.loan.Loan;
import org.ipledger.loan.LoanRepository;
import org.ipledger.loan.LoanStatus;
import org.ipledger.party.Party;
import org.ipledger.party.PartyKind;
import org.ipledger.party.PartyRef;
import org.ipledger.party.PartyRepository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Securitization products: recorded by their issuer on ACTIVE ledger loans and PERFORMING licence
 * receivables, each in at most one live product; payment periods run by the issuer or trustee, each
 * recorded once, each collection paid out by one period only.
 */
@ApplicationScoped
public class ProductService {

    private final ProductRepository products;
    private final ReceivableRepository receivables;
    private final LoanRepository loans;
    private final PartyRepository parties;
    private final Journal journal;
    private final Idempotency idempotency;
    private final ObjectMapper mapper;

    public ProductService(ProductRepository products, ReceivableRepository receivables, LoanRepository loans,
                          PartyRepository parties, Journal journal, Idempotency idempotency, ObjectMapper mapper) {
        this.products = products;
        this.receivables = receivables;
        this.loans = loans;
        this.parties = parties;
        this.journal = journal;
        this.idempotency = idempotency;
        this.mapper = mapper;
    }

    // ---- products -----------------------------------------------------------------------------

    @WithTransaction
    public Uni<ProductView> create(Caller caller, SecuritizationInputs.NewProduct in, String idempotencyKey) {
        if (caller.orgId() == null || caller.orgId().longValue() != in.issuerId()) {
            throw ApiProblem.forbidden("an issuer records only its own products"
                    + (caller.orgId() == null ? "" : " (party " + caller.orgId() + ")"));
        }
        List<FieldError> errors = new ArrayList<>();
        if (!in.legalMaturity().isAfter(in.issueDate())) {
            errors.add(new FieldError("legalMaturity", "must be after issueDate"));
        }
        if (in.trusteeId().equals(in.issuerId())) {
            errors.add(new FieldError("trusteeId", "must not be the issuer"));
        }
        if (new HashSet<>(in.loans()).size() != in.loans().size()) {
            errors.add(new FieldError("loanIds", "must not repeat a loan"));
        }
        if (new HashSet<>(in.receivables()).size() != in.receivables().size()) {
            errors.add(new FieldError("receivableIds", "must not repeat a receivable"));
        }
        if (in.loans().isEmpty() && in.receivables().isEmpty()) {
            errors.add(new FieldError("loanIds", "or receivableIds must name at least one pool asset"));
        }
        Set<Integer> ranks = new HashSet<>();
        Set<String> names = new HashSet<>();
        int subordinated = 0;
        int maxRank = 0;
        Map<Integer, BigDecimal> principals = new LinkedHashMap<>();
        for (int i = 0; i < in.tranches().size(); i++) {
            SecuritizationInputs.NewTranche t = in.tranches().get(i);
            String field = "tranches[" + i + "]";
            if (!ranks.add(t.rank())) {
                errors.add(new FieldError(field + ".rank", "rank " + t.rank() + " is given twice"));
            }
            if (!names.add(t.name().strip())) {
                errors.add(new FieldError(field + ".name", "name " + t.name().strip() + " is given twice"));
            }
            maxRank = Math.max(maxRank, t.rank());
            subordinated += t.subordinated() ? 1 : 0;
            principals.put(i, Money.cny(t.originalPrincipal(), field + ".originalPrincipal"));
        }
        if (subordinated != 1) {
            errors.add(new FieldError("tranches", "exactly one tranche must be subordinated, " + subordinated + " are"));
        } else if (in.tranches().stream().filter(SecuritizationInputs.NewTranche::subordinated)
                .noneMatch(t -> t.rank() == ranks.stream().max(Integer::compare).orElse(0))) {
            errors.add(new FieldError("tranches", "the subordinated tranche must have the highest rank (" + maxRank + ")"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        BigDecimal tranchesTotal = principals.values().stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        return idempotency.once(caller, "record-product", idempotencyKey, in, ProductView.class, () -> party(in.issuerId(),
                PartyKind.ISSUER, "issuerId")
                .flatMap(issuer -> party(in.trusteeId(), PartyKind.TRUSTEE, "trusteeId").flatMap(trustee ->
                        lockPool(in.loans()).flatMap(pool -> products.liveHolders(in.loans()).flatMap(held -> {
                            if (!held.isEmpty()) {
                                Object[] h = held.get(0);
                                throw ApiProblem.conflict("loan-already-securitized", "loan " + h[0]
                                                + " is already in live product " + h[1] + " (" + h[2] + ")")
                                        .with("loanId", ((Number) h[0]).longValue())
                                        .with("productId", ((Number) h[1]).longValue());
                            }
                            return lockReceivables(in.issuerId(), in.receivables()).flatMap(rpool ->
                                    products.liveReceivableHolders(in.receivables()).map(rheld -> {
                                        if (!rheld.isEmpty()) {
                                            Object[] h = rheld.get(0);
                                            throw ApiProblem.conflict("receivable-already-securitized", "receivable " + h[0]
                                                            + " is already in live product " + h[1] + " (" + h[2] + ")")
                                                    .with("receivableId", ((Number) h[0]).longValue())
                                                    .with("productId", ((Number) h[1]).longValue());
                                        }
                                        return rpool;
                                    })).flatMap(rpool -> record(caller, in, issuer, trustee, pool, rpool, principals,
                                            tranchesTotal));
                        })))));
    }

    /** Stores the product, its pool and tranches, all checked, and journals it. */
    private Uni<ProductView> record(Caller caller, SecuritizationInputs.NewProduct in, Party issuer, Party trustee,
                                    Map<Long, BigDecimal> pool, Map<Long, BigDecimal> rpool,
                                    Map<Integer, BigDecimal> principals, BigDecimal tranchesTotal) {
        BigDecimal poolTotal = pool.values().stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add)
                .add(rpool.values().stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add));
        if (poolTotal.compareTo(tranchesTotal) != 0) {
            throw ApiProblem.unprocessable("tranches-do-not-match-pool", "the tranches' original "
                            + "principals add up to " + tranchesTotal.toPlainString() + " but the pool's "
                            + "outstanding amount is " + poolTotal.toPlainString())
                    .with("poolOutstanding", poolTotal.toPlainString());
        }
        Product p = new Product();
        p.name = in.name().strip();
        p.issuer = issuer;
        p.trustee = trustee;
        p.legalForm = in.legalForm();
        p.issueDate = in.issueDate();
        p.legalMaturity = in.legalMaturity();
        p.paymentFrequency = in.paymentFrequency();
        p.trusteeFeeRate = in.trusteeFeeRate();
        p.servicingFeeRate = in.servicingFeeRate();
        p.principalMode = in.principalMode();
        p.defaultTrigger = in.defaultTrigger();
        p.originalPool = poolTotal;
        p.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        p.createdBy = caller.actor();
        return products.count("name", p.name).flatMap(same -> {
            if (same > 0) {
                throw ApiProblem.conflict("duplicate-product-name", "a product named " + p.name
                        + " is already recorded");
            }
            return p.<Product>persistAndFlush();
        }).flatMap(saved -> {
            List<ProductTranche> tranches = new ArrayList<>();
            for (int i = 0; i < in.tranches().size(); i++) {
                SecuritizationInputs.NewTranche t = in.tranches().get(i);
                ProductTranche e = new ProductTranche();
                e.productId = saved.id;
                e.name = t.name().strip();
                e.rank = t.rank();
                e.originalPrincipal = principals.get(i);
                e.balance = principals.get(i);
                e.couponRate = t.couponRate();
                e.rating = t.rating() == null ? null : t.rating().strip();
                e.subordinated = t.subordinated();
                tranches.add(e);
            }
            return Multi.createFrom().iterable(pool.entrySet())
                    .onItem().transformToUniAndConcatenate(en ->
                            products.addToPool(saved.id, en.getKey(), en.getValue()))
                    .collect().asList()
                    .flatMap(x -> Multi.createFrom().iterable(rpool.entrySet())
                            .onItem().transformToUniAndConcatenate(en ->
                                    products.addReceivableToPool(saved.id, en.getKey(), en.getValue()))
                            .collect().asList())
                    .flatMap(x -> ProductTranche.persist(tranches))
                    .flatMap(x -> Panache.getSession().flatMap(s -> s.flush()))
                    .flatMap(x -> view(saved))
                    .flatMap(view -> journal.append(caller, JournalAction.PRODUCT_RECORDED, "PRODUCT",
                            saved.id, List.of(), view).map(view::withJournalSeq));
        });
    }

    private Uni<Party> party(long id, PartyKind kind, String field) {
        return parties.findById(id).map(party -> {
            if (party == null || party.kind != kind) {
                String message = party == null ? "party " + id + " does not exist"
                        : "party " + party.id + " is a " + party.kind + ", not a " + kind;
                throw new ApiProblem(422, "unknown-or-unfit-party", "Refused by a ledger rule", field + ": " + message,
                        List.of(new FieldError(field, message)));
            }
            return party;
        });
    }

    /** Locks the loans in id order (no deadlock between two pools) and answers their outstanding principal. */
    private Uni<Map<Long, BigDecimal>> lockPool(List<Long> loanIds) {
        Map<Long, BigDecimal> outstanding = new LinkedHashMap<>();
        return Multi.createFrom().iterable(new TreeSet<>(loanIds))
                .onItem().transformToUniAndConcatenate(id -> loans.lock(id).flatMap(loan -> {
                    if (loan == null) {
                        throw unfitLoan("unknown-loan", id, "does not exist");
                    }
                    if (loan.status != LoanStatus.ACTIVE) {
                        throw unfitLoan("loan-not-poolable", id, "is " + loan.status + "; only ACTIVE loans can be pooled");
                    }
                    return loans.events(id).map(events -> {
                        BigDecimal o = Balances.of(events).outstanding();
                        if (o.signum() <= 0) {
                            throw unfitLoan("loan-not-poolable", id, "has no outstanding principal");
                        }
                        outstanding.put(id, o);
                        return loan;
                    });
                }))
                .collect().asList().map(x -> outstanding);
    }

    /**
     * Locks the receivables in id order and answers their outstanding amounts: each must exist, be
     * recorded by this issuer, be PERFORMING and have something outstanding.
     */
    private Uni<Map<Long, BigDecimal>> lockReceivables(long issuerId, List<Long> ids) {
        Map<Long, BigDecimal> outstanding = new LinkedHashMap<>();
        return Multi.createFrom().iterable(new TreeSet<>(ids))
                .onItem().transformToUniAndConcatenate(id -> receivables.lock(id).map(r -> {
                    if (r == null) {
                        throw unfitReceivable("unknown-receivable", id, "does not exist");
                    }
                    if (!r.issuer.id.equals(issuerId)) {
                        throw unfitReceivable("receivable-not-poolable", id, "was recorded by another issuer");
                    }
                    if (r.status != Receivable.Status.PERFORMING || r.outstanding().signum() <= 0) {
                        throw unfitReceivable("receivable-not-poolable", id, "is " + r.status
                                + "; only PERFORMING receivables with an outstanding amount can be pooled");
                    }
                    outstanding.put(id, r.outstanding());
                    return r;
                }))
                .collect().asList().map(x -> outstanding);
    }

    private static ApiProblem unfitReceivable(String code, long id, String why) {
        String message = "receivable " + id + " " + why;
        return new ApiProblem(422, code, "Refused by a ledger rule", "receivableIds: " + message,
                List.of(new FieldError("receivableIds", message)));
    }

    private static ApiProblem unfitLoan(String code, long loanId, String why) {
        String message = "loan " + loanId + " " + why;
        return new ApiProblem(422, code, "Refused by a ledger rule", "loanIds: " + message,
                List.of(new FieldError("loanIds", message)));
    }

    private Uni<ProductView> view(Product p) {
        return products.pool(p.id).flatMap(pool -> products.receivablePool(p.id).flatMap(rpool ->
                products.tranches(p.id).map(t -> ProductView.of(p, pool, rpool, t))));
    }

    /** Supervisors and the lab read every product; an issuer or trustee only its own. */
    static boolean sees(Caller caller, Product p) {
        if (caller.is(Roles.REGULATOR) || caller.is(Roles.ADMIN) || caller.is(Roles.LAB)) {
            return true;
        }
        return manages(caller, p);
    }

    static boolean manages(Caller caller, Product p) {
        Long org = caller.orgId();
        return org != null && ((caller.is(Roles.ISSUER) && org.equals(p.issuer.id))
                || (caller.is(Roles.TRUSTEE) && org.equals(p.trustee.id)));
    }

    @WithSession
    public Uni<ProductView> get(Caller caller, long id) {
        return products.findFull(id).flatMap(p -> {
            if (p == null || !sees(caller, p)) {
                throw ApiProblem.notFound("product", id);
            }
            return view(p);
        });
    }

    @WithSession
    public Uni<Page<ProductView>> search(Caller caller, Product.Status status, int page, int size) {
        boolean all = caller.is(Roles.REGULATOR) || caller.is(Roles.ADMIN) || caller.is(Roles.LAB);
        Long org = all ? null : caller.orgId();
        if (!all && org == null) {
            throw ApiProblem.forbidden("an issuer or trustee token must carry its party id in the org claim");
        }
        return products.search(org, status, page, size).flatMap(found -> {
            List<Long> ids = found.items().stream().map(p -> p.id).toList();
            if (ids.isEmpty()) {
                return Uni.createFrom().item(found.map(p -> ProductView.of(p, List.of(), List.of(), List.of())));
            }
            return products.tranches(ids).flatMap(tranches -> Multi.createFrom().iterable(found.items())
                    .onItem().transformToUniAndConcatenate(p -> products.pool(p.id).flatMap(pool -> products.receivablePool(p.id)
                            .map(rpool -> ProductView.of(p, pool, rpool,
                                    tranches.stream().filter(t -> t.productId.equals(p.id)).toList()))))
                    .collect().asList()
                    .map(views -> new Page<>(views, found.page(), found.size(), found.total())));
        });
    }

    // ---- periods ------------------------------------------------------------------------------

    /**
     * Runs the next payment period through the waterfall: the pool's collections dated in (period start,
     * period end], and those dated in an earlier period but recorded after it was run (prior-period
     * collections); each is taken by one period only (sec_collection). Then losses against the pool's
     * performing balance at the period end. Recorded unless a dry run; a period end already recorded
     * answers that record, which is never rewritten.
     */
    @WithTransaction
    public Uni<PeriodReport> runPeriod(Caller caller, long id, SecuritizationInputs.PeriodRun in, String idempotencyKey) {
        boolean dryRun = Boolean.TRUE.equals(in.dryRun());
        record Keyed(long id, SecuritizationInputs.PeriodRun in) {
        }
        return idempotency.once(caller, "run-period", dryRun ? null : idempotencyKey, new Keyed(id, in), PeriodReport.class,
                () -> products.lock(id).flatMap(p -> {
                    if (p == null || !sees(caller, p)) {
                        throw ApiProblem.notFound("product", id);
                    }
                    if (!manages(caller, p)) {
                        throw ApiProblem.forbidden("only the product's issuer or trustee runs its periods");
                    }
                    return products.recordedReport(id, in.periodEnd()).flatMap(recorded -> {
                        if (recorded != null) {
                            return Uni.createFrom().item(read(recorded).asReplay());
                        }
                        return compute(caller, p, in.periodEnd(), dryRun);
                    });
                }));
    }

    private Uni<PeriodReport> compute(Caller caller, Product p, LocalDate periodEnd, boolean dryRun) {
        if (p.status != Product.Status.LIVE) {
            throw ApiProblem.conflict("product-retired", "product " + p.id + " is " + p.status
                    + ": every tranche is repaid, no period remains to run");
        }
        int number = p.periodsRecorded + 1;
        LocalDate expected = p.periodEnd(number);
        if (!periodEnd.equals(expected)) {
            throw ApiProblem.conflict("period-not-next", "the next period of product " + p.id + " ends on " + expected
                    + "; periods run in order, each once").with("expectedPeriodEnd", expected.toString());
        }
        if (periodEnd.isAfter(LocalDate.now(ZoneOffset.UTC))) {
            throw ApiProblem.unprocessable("period-not-ended", "the period ending " + periodEnd
                    + " has not ended; its collections are not all known");
        }
        LocalDate start = number == 1 ? p.issueDate : p.periodEnd(number - 1);
        long days = ChronoUnit.DAYS.between(start, periodEnd);
        PeriodReport.ProductRef ref = new PeriodReport.ProductRef(p.id, p.name, PartyRef.of(p.issuer), PartyRef.of(p.trustee));
        return products.untakenCollections(p.id, p.issueDate, periodEnd).flatMap(taken -> products.cumulativeDefaults(p.id, periodEnd)
                .flatMap(defaults -> products.performingBalance(p.id, periodEnd).flatMap(performing -> products.tranches(p.id)
                        .flatMap(tranches -> {
                    // Late cash: dated in an earlier period already run, recorded after it; paid out now.
                    List<PeriodReport.Collection> prior = taken.stream().filter(c -> !c.occurredOn().isAfter(start)).toList();
                    BigDecimal interest = sum(taken, PeriodReport.Collection::interest);
                    BigDecimal principal = sum(taken, PeriodReport.Collection::principal);
                    BigDecimal priorTotal = sum(prior, PeriodReport.Collection::interest)
                            .add(sum(prior, PeriodReport.Collection::principal));
                    Waterfall.Result r = Waterfall.run(new Waterfall.Inputs(
                            tranches.stream().map(t -> new Waterfall.Tranche(t.name, t.rank, t.subordinated, t.couponRate,
                                    t.balance, t.interestArrears, t.writtenDown)).toList(),
                            interest, principal, p.trusteeFeeRate, p.servicingFeeRate, p.trusteeFeeArrears,
                            p.servicingFeeArrears, days, p.principalMode, defaults, p.originalPool, p.defaultTrigger,
                            performing));
                    PeriodReport report = PeriodReport.of(ref, number, start, periodEnd, days, dryRun, defaults, priorTotal,
                            prior, r);
                    if (dryRun) {
                        return Uni.createFrom().item(report);
                    }
                    for (ProductTranche t : tranches) {
                        Waterfall.TrancheLine line = r.tranches().stream().filter(l -> l.rank() == t.rank).findFirst()
                                .orElseThrow();
                        t.balance = line.closingBalance();
                        t.interestArrears = line.arrears();
                        t.writtenDown = line.cumulativeWrittenDown();
                    }
                    p.trusteeFeeArrears = r.trusteeFee().arrears();
                    p.servicingFeeArrears = r.servicingFee().arrears();
                    p.periodsRecorded = number;
                    // Every tranche repaid or written off: the product retires and its pool may be pooled again.
                    boolean retired = r.tranches().stream().allMatch(l -> l.closingBalance().signum() == 0);
                    if (retired) {
                        p.status = Product.Status.RETIRED;
                    }
                    return Panache.getSession().flatMap(s -> s.flush())
                            .call(x -> retired ? products.releasePool(p.id) : Uni.createFrom().voidItem())
                            .flatMap(x -> products.insertPeriod(p.id, report, json(report), caller.actor()))
                            .call(periodId -> products.take(p.id, periodId, taken))
                            .flatMap(periodId -> journal.append(caller, JournalAction.PRODUCT_PERIOD_RECORDED,
                                            "PRODUCT_PERIOD", periodId, List.of(), report)
                                    .map(report::withJournalSeq)
                                    .call(withSeq -> products.updateReport(periodId, json(withSeq))));
                }))));
    }

    private static BigDecimal sum(List<PeriodReport.Collection> items,
                                  java.util.function.Function<PeriodReport.Collection, BigDecimal> amount) {
        return items.stream().map(amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** The product's recorded periods, in order; read by whoever reads the product. */
    @WithSession
    public Uni<Page<PeriodSummary>> periods(Caller caller, long id, int page, int size) {
        return products.findFull(id).flatMap(p -> {
            if (p == null || !sees(caller, p)) {
                throw ApiProblem.notFound("product", id);
            }
            return products.periods(id, page, size);
        });
    }

    /** One recorded period's report, as recorded. */
    @WithSession
    public Uni<PeriodReport> period(Caller caller, long id, int number) {
        return products.findFull(id).flatMap(p -> {
            if (p == null || !sees(caller, p)) {
                throw ApiProblem.notFound("product", id);
            }
            return products.recordedReport(id, number).map(json -> {
                if (json == null) {
                    throw ApiProblem.notFound("period " + number + " of product", id);
                }
                return read(json);
            });
        });
    }

    /** The waterfall run forward from the last recorded period under assumed default and prepayment rates. */
    @WithSession
    public Uni<ProjectionView> project(Caller caller, long id, SecuritizationInputs.ProjectionRun in) {
        return products.findFull(id).flatMap(p -> {
            if (p == null || !sees(caller, p)) {
                throw ApiProblem.notFound("product", id);
            }
            if (!manages(caller, p)) {
                throw ApiProblem.forbidden("only the product's issuer or trustee projects it");
            }
            int first = p.periodsRecorded + 1;
            LocalDate lastEnd = p.periodEnd(first - 1);
            return products.performing(p.id).flatMap(pool -> products.cumulativeDefaults(p.id, lastEnd)
                    .flatMap(defaults -> products.tranches(p.id).map(tranches -> {
                        Projection.Start start = new Projection.Start(
                                tranches.stream().map(t -> new Waterfall.Tranche(t.name, t.rank, t.subordinated,
                                        t.couponRate, t.balance, t.interestArrears, t.writtenDown)).toList(),
                                p.trusteeFeeRate, p.servicingFeeRate, p.trusteeFeeArrears, p.servicingFeeArrears,
                                p.principalMode, defaults, p.originalPool, p.defaultTrigger, first, lastEnd,
                                p.paymentFrequency.months);
                        Projection.Result r = Projection.run(start, pool, new Projection.Assumptions(
                                in.annualDefaultRate(), in.annualPrepaymentRate(), in.periods()));
                        return new ProjectionView(p.id, ProductView.rate(in.annualDefaultRate()),
                                ProductView.rate(in.annualPrepaymentRate()), pool.stream().map(Projection.PoolLoan::balance)
                                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add), r.tranches(), r.periods());
                    })));
        });
    }

    private PeriodReport read(String json) {
        try {
            return mapper.readValue(json, PeriodReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded period report cannot be read", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- a bank's view ------------------------------------------------------------------------

    public record LoanSecuritization(long loanId, boolean securitized, ProductRefView product) {
    }

    public record ProductRefView(long id, String name) {
    }

    /** Whether the loan sits in a live product: the lending bank (and supervisors) may ask. */
    @WithSession
    public Uni<LoanSecuritization> ofLoan(Caller caller, long loanId) {
        return loans.findFull(loanId).flatMap(loan -> {
            if (loan == null || (caller.scopedToOwnOrg() && !ownsLoan(caller, loan))) {
                throw ApiProblem.notFound("loan", loanId);
            }
            return products.liveProductOf(loanId).map(row -> row == null ? new LoanSecuritization(loanId, false, null)
                    : new LoanSecuritization(loanId, true,
                    new ProductRefView(((Number) row[0]).longValue(), (String) row[1])));
        });
    }

    private static boolean ownsLoan(Caller caller, Loan loan) {
        return caller.is(Roles.BANK) && caller.orgId() != null && caller.orgId().equals(loan.lender.id);
    }
}
