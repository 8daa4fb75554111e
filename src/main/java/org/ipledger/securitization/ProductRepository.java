package org.ipledger.securitization;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;
import org.ipledger.common.Page;
import org.ipledger.party.PartyRef;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

@ApplicationScoped
public class ProductRepository implements PanacheRepository<Product> {

    private static final String FULL = "from Product p join fetch p.issuer join fetch p.trustee";

    public Uni<Product> findFull(long id) {
        return find(FULL + " where p.id = ?1", id).firstResult();
    }

    /** Locks the product row: its periods are run one after the other. Null if none. */
    public Uni<Product> lock(long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE).call(p -> p == null ? Uni.createFrom().nullItem()
                : Mutiny.fetch(p.issuer).call(() -> Mutiny.fetch(p.trustee)));
    }

    public Uni<List<ProductTranche>> tranches(long productId) {
        return ProductTranche.list("productId = ?1 order by rank", productId);
    }

    public Uni<List<ProductTranche>> tranches(Collection<Long> productIds) {
        return ProductTranche.list("productId in ?1 order by productId, rank", productIds);
    }

    /** The pool's loans, with their lenders and outstanding principal at the cut-off. */
    public Uni<List<ProductView.PoolLoan>> pool(long productId) {
        return getSession().flatMap(s -> s.createNativeQuery("select pl.loan_id, b.id, b.name, pl.outstanding_at_cutoff"
                        + " from sec_pool_loan pl join loan l on l.id = pl.loan_id join party b on b.id = l.lender_id"
                        + " where pl.product_id = :product order by pl.loan_id", Object[].class)
                .setParameter("product", productId).getResultList())
                .map(rows -> rows.stream().map(r -> new ProductView.PoolLoan(((Number) r[0]).longValue(),
                        new PartyRef(((Number) r[1]).longValue(), (String) r[2]), (BigDecimal) r[3])).toList());
    }

    /** Live products holding any of these loans: rows of loan id, product id, product name. */
    public Uni<List<Object[]>> liveHolders(Collection<Long> loanIds) {
        return getSession().flatMap(s -> s.createNativeQuery("select pl.loan_id, p.id, p.name from sec_pool_loan pl"
                        + " join sec_product p on p.id = pl.product_id where pl.live"
                        + " and pl.loan_id = any(cast(cast(:ids as text) as bigint[])) order by pl.loan_id", Object[].class)
                .setParameter("ids", array(loanIds)).getResultList());
    }

    public Uni<Integer> addToPool(long productId, long loanId, BigDecimal outstanding) {
        return getSession().flatMap(s -> s.createNativeQuery("insert into sec_pool_loan (product_id, loan_id, outstanding_at_cutoff)"
                        + " values (:product, :loan, :outstanding)")
                .setParameter("product", productId).setParameter("loan", loanId).setParameter("outstanding", outstanding)
                .executeUpdate());
    }

    /**
     * The pool's collections this product has not yet taken, dated after the issue date and up to
     * {@code end}: repayments of its loans and receipts on its receivables, by date. Taking them is
     * recorded in sec_collection by {@link #take}, so each is paid out once, by one period.
     */
    public Uni<List<PeriodReport.Collection>> untakenCollections(long productId, LocalDate issueDate, LocalDate end) {
        return getSession().flatMap(s -> s.createNativeQuery("select 'LOAN_EVENT', e.id, e.loan_id, e.occurred_on,"
                        + " e.interest_amount, e.principal_amount from loan_event e"
                        + " join sec_pool_loan pl on pl.loan_id = e.loan_id and pl.product_id = :product"
                        + " where e.kind in ('REPAYMENT','FULL_REPAYMENT') and e.occurred_on > :issue and e.occurred_on <= :end"
                        + " and not exists (select 1 from sec_collection c where c.product_id = :product"
                        + " and c.source = 'LOAN_EVENT' and c.source_id = e.id)"
                        + " union all select 'RECEIPT', x.id, x.receivable_id, x.received_on, 0, x.amount"
                        + " from sec_receivable_receipt x"
                        + " join sec_pool_receivable pr on pr.receivable_id = x.receivable_id and pr.product_id = :product"
                        + " where x.received_on > :issue and x.received_on <= :end"
                        + " and not exists (select 1 from sec_collection c where c.product_id = :product"
                        + " and c.source = 'RECEIPT' and c.source_id = x.id)"
                        + " order by 4, 1, 2", Object[].class)
                .setParameter("product", productId).setParameter("issue", issueDate).setParameter("end", end)
                .getResultList())
                .map(rows -> rows.stream().map(r -> PeriodReport.Collection.of(
                        PeriodReport.CollectionSource.valueOf((String) r[0]), ((Number) r[1]).longValue(),
                        ((Number) r[2]).longValue(), (LocalDate) r[3], money(r[4]), money(r[5]))).toList());
    }

    /** Records that the period took these collections; a collection taken before fails the primary key. */
    public Uni<Integer> take(long productId, long periodId, List<PeriodReport.Collection> taken) {
        if (taken.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String sources = taken.stream().map(c -> c.source().name()).collect(Collectors.joining(",", "{", "}"));
        return getSession().flatMap(s -> s.createNativeQuery("insert into sec_collection (product_id, source, source_id,"
                        + " period_id) select :product, t.source, t.id, :period"
                        + " from unnest(cast(cast(:sources as text) as text[]), cast(cast(:ids as text) as bigint[])) as t(source, id)")
                .setParameter("product", productId).setParameter("period", periodId).setParameter("sources", sources)
                .setParameter("ids", array(taken.stream().map(PeriodReport.Collection::sourceId).toList()))
                .executeUpdate());
    }

    /**
     * Outstanding principal at DEFAULT of the pool's loans defaulted on or before {@code end}, plus the
     * outstanding amount of its receivables written off on or before {@code end}.
     */
    public Uni<BigDecimal> cumulativeDefaults(long productId, LocalDate end) {
        return getSession().flatMap(s -> s.createNativeQuery("select coalesce((select sum(e.outstanding_after)"
                        + " from loan_event e join sec_pool_loan pl on pl.loan_id = e.loan_id and pl.product_id = :product"
                        + " where e.kind = 'DEFAULT' and e.occurred_on <= :end), 0)"
                        + " + coalesce((select sum(r.written_off_amount) from sec_receivable r"
                        + " join sec_pool_receivable pr on pr.receivable_id = r.id and pr.product_id = :product"
                        + " where r.written_off_on <= :end), 0)", Object.class)
                .setParameter("product", productId).setParameter("end", end).getSingleResult())
                .map(ProductRepository::money);
    }

    /**
     * The pool's performing balance at the end of {@code end}, from what is dated on or before it: the
     * outstanding principal of its loans with no DEFAULT or WRITE_OFF by then, plus the outstanding
     * amount (schedule total less receipts) of its receivables not written off by then.
     */
    public Uni<BigDecimal> performingBalance(long productId, LocalDate end) {
        return getSession().flatMap(s -> s.createNativeQuery("select coalesce((select sum(b.outstanding) from ("
                        + " select sum(case e.kind when 'DISBURSEMENT' then e.principal_amount"
                        + " when 'REPAYMENT' then -e.principal_amount when 'FULL_REPAYMENT' then -e.principal_amount"
                        + " when 'WRITE_OFF' then -e.principal_amount else 0 end) as outstanding,"
                        + " bool_or(e.kind in ('DEFAULT','WRITE_OFF')) as stopped"
                        + " from sec_pool_loan pl join loan_event e on e.loan_id = pl.loan_id and e.occurred_on <= :end"
                        + " where pl.product_id = :product group by pl.loan_id) b where not b.stopped), 0)"
                        + " + coalesce((select sum(r.total_amount - coalesce((select sum(x.amount) from sec_receivable_receipt x"
                        + " where x.receivable_id = r.id and x.received_on <= :end), 0)) from sec_receivable r"
                        + " join sec_pool_receivable pr on pr.receivable_id = r.id and pr.product_id = :product"
                        + " where r.written_off_on is null or r.written_off_on > :end), 0)", Object.class)
                .setParameter("product", productId).setParameter("end", end).getSingleResult())
                .map(ProductRepository::money);
    }

    /** The stored report of the product's period ending on {@code end}, as JSON text, or null. */
    public Uni<String> recordedReport(long productId, LocalDate end) {
        return getSession().flatMap(s -> s.createNativeQuery("select cast(report as text) from sec_period"
                        + " where product_id = :product and period_end = :end", String.class)
                .setParameter("product", productId).setParameter("end", end).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<Long> insertPeriod(long productId, PeriodReport r, String reportJson, String actor) {
        return getSession().flatMap(s -> s.createNativeQuery("insert into sec_period (product_id, period_number, period_start,"
                        + " period_end, collected, paid_out, cash_carried, prior_period_collected, written_down, written_back,"
                        + " report, recorded_by) values (:product, :number, :start, :end, :collected, :paidOut, :carried,"
                        + " :prior, :down, :back, cast(cast(:report as text) as jsonb), :actor) returning id", Long.class)
                .setParameter("product", productId).setParameter("number", r.periodNumber())
                .setParameter("start", r.periodStart()).setParameter("end", r.periodEnd())
                .setParameter("collected", r.collected()).setParameter("paidOut", r.paidOut())
                .setParameter("carried", r.cashCarried()).setParameter("prior", r.priorPeriodCollected())
                .setParameter("down", r.writtenDown()).setParameter("back", r.writtenBack())
                .setParameter("report", reportJson).setParameter("actor", actor)
                .getSingleResult());
    }

    /** The product's recorded periods, newest last. */
    public Uni<Page<PeriodSummary>> periods(long productId, int page, int size) {
        return getSession().flatMap(s -> s.createNativeQuery("select period_number, period_start, period_end, collected,"
                        + " prior_period_collected, paid_out, cash_carried, written_down, written_back, recorded_at,"
                        + " cast(report ->> 'journalSeq' as bigint) from sec_period where product_id = :product"
                        + " order by period_number limit :size offset :offset", Object[].class)
                .setParameter("product", productId).setParameter("size", size).setParameter("offset", page * size)
                .getResultList()
                .flatMap(rows -> s.createNativeQuery("select count(*) from sec_period where product_id = :product", Long.class)
                        .setParameter("product", productId).getSingleResult()
                        .map(total -> new Page<>(rows.stream().map(r -> new PeriodSummary(((Number) r[0]).intValue(),
                                (LocalDate) r[1], (LocalDate) r[2], money(r[3]), money(r[4]), money(r[5]), money(r[6]),
                                money(r[7]), money(r[8]), offset(r[9]), r[10] == null ? null : ((Number) r[10]).longValue()))
                                .toList(), page, size, total))));
    }

    /** The stored report of the product's period {@code number}, as JSON text, or null. */
    public Uni<String> recordedReport(long productId, int number) {
        return getSession().flatMap(s -> s.createNativeQuery("select cast(report as text) from sec_period"
                        + " where product_id = :product and period_number = :number", String.class)
                .setParameter("product", productId).setParameter("number", number).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** The pool's receivables, with their licensors and obligors and outstanding amount at the cut-off. */
    public Uni<List<ProductView.PoolReceivable>> receivablePool(long productId) {
        return getSession().flatMap(s -> s.createNativeQuery("select r.id, r.contract_number, lo.id, lo.name, ob.id, ob.name,"
                        + " pr.outstanding_at_cutoff from sec_pool_receivable pr join sec_receivable r on r.id = pr.receivable_id"
                        + " join party lo on lo.id = r.licensor_id join party ob on ob.id = r.obligor_id"
                        + " where pr.product_id = :product order by r.id", Object[].class)
                .setParameter("product", productId).getResultList())
                .map(rows -> rows.stream().map(r -> new ProductView.PoolReceivable(((Number) r[0]).longValue(), (String) r[1],
                        new PartyRef(((Number) r[2]).longValue(), (String) r[3]),
                        new PartyRef(((Number) r[4]).longValue(), (String) r[5]), (BigDecimal) r[6])).toList());
    }

    /** Live products holding any of these receivables: rows of receivable id, product id, product name. */
    public Uni<List<Object[]>> liveReceivableHolders(Collection<Long> receivableIds) {
        return getSession().flatMap(s -> s.createNativeQuery("select pr.receivable_id, p.id, p.name from sec_pool_receivable pr"
                        + " join sec_product p on p.id = pr.product_id where pr.live"
                        + " and pr.receivable_id = any(cast(cast(:ids as text) as bigint[])) order by pr.receivable_id",
                        Object[].class)
                .setParameter("ids", array(receivableIds)).getResultList());
    }

    public Uni<Integer> addReceivableToPool(long productId, long receivableId, BigDecimal outstanding) {
        return getSession().flatMap(s -> s.createNativeQuery("insert into sec_pool_receivable (product_id, receivable_id,"
                        + " outstanding_at_cutoff) values (:product, :receivable, :outstanding)")
                .setParameter("product", productId).setParameter("receivable", receivableId)
                .setParameter("outstanding", outstanding).executeUpdate());
    }

    public Uni<Integer> updateReport(long periodId, String reportJson) {
        return getSession().flatMap(s -> s.createNativeQuery("update sec_period set report = cast(cast(:report as text) as jsonb)"
                        + " where id = :id")
                .setParameter("report", reportJson).setParameter("id", periodId).executeUpdate());
    }

    /** The pool's ACTIVE loans with their outstanding principal from their events, annual rate and maturity. */
    public Uni<List<Projection.PoolLoan>> performing(long productId) {
        return getSession().flatMap(s -> s.createNativeQuery("select l.annual_rate, l.maturity_date,"
                        + " coalesce(sum(case e.kind when 'DISBURSEMENT' then e.principal_amount"
                        + " when 'REPAYMENT' then -e.principal_amount when 'FULL_REPAYMENT' then -e.principal_amount"
                        + " when 'WRITE_OFF' then -e.principal_amount else 0 end), 0)"
                        + " from sec_pool_loan pl join loan l on l.id = pl.loan_id left join loan_event e on e.loan_id = l.id"
                        + " where pl.product_id = :product and l.status = 'ACTIVE'"
                        + " group by l.id, l.annual_rate, l.maturity_date order by l.id", Object[].class)
                .setParameter("product", productId).getResultList())
                .map(rows -> rows.stream().map(r -> new Projection.PoolLoan(money(r[2]), (BigDecimal) r[0],
                        (LocalDate) r[1])).filter(l -> l.balance().signum() > 0).toList())
                .flatMap(loans -> performingReceivables(productId).map(receivables -> {
                    List<Projection.PoolLoan> all = new java.util.ArrayList<>(loans);
                    all.addAll(receivables);
                    return all;
                }));
    }

    /** PERFORMING receivables of the pool as projection loans: no interest, the outstanding due on the last due date. */
    private Uni<List<Projection.PoolLoan>> performingReceivables(long productId) {
        return getSession().flatMap(s -> s.createNativeQuery("select r.total_amount - r.received,"
                        + " (select max(i.due_on) from sec_receivable_instalment i where i.receivable_id = r.id)"
                        + " from sec_pool_receivable pr join sec_receivable r on r.id = pr.receivable_id"
                        + " where pr.product_id = :product and r.status = 'PERFORMING' order by r.id", Object[].class)
                .setParameter("product", productId).getResultList())
                .map(rows -> rows.stream().map(r -> new Projection.PoolLoan(money(r[0]), BigDecimal.ZERO, (LocalDate) r[1]))
                        .filter(l -> l.balance().signum() > 0).toList());
    }

    /** Marks the product's loans and receivables out of any live product: the product is retired. */
    public Uni<Integer> releasePool(long productId) {
        return getSession().flatMap(s -> s.createNativeQuery("update sec_pool_loan set live = false where product_id = :product")
                .setParameter("product", productId).executeUpdate()
                .flatMap(n -> s.createNativeQuery("update sec_pool_receivable set live = false where product_id = :product")
                        .setParameter("product", productId).executeUpdate()));
    }

    /** The live product holding the loan: {id, name}, or null. */
    public Uni<Object[]> liveProductOf(long loanId) {
        return liveHolders(List.of(loanId)).map(rows -> rows.isEmpty() ? null : new Object[] {rows.get(0)[1], rows.get(0)[2]});
    }

    /** Products visible to {@code orgId} as issuer or trustee (null: all). */
    public Uni<Page<Product>> search(Long orgId, Product.Status status, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (orgId != null) {
            where.append(" and (p.issuer.id = :org or p.trustee.id = :org)");
            params.and("org", orgId);
        }
        if (status != null) {
            where.append(" and p.status = :status");
            params.and("status", status);
        }
        return Page.fetch(find("from Product p where " + where + " order by p.id", params), page, size,
                items -> find(FULL + " where p.id in ?1", items.stream().map(p -> p.id).toList()).list());
    }

    private static BigDecimal money(Object value) {
        return ((BigDecimal) (value instanceof BigDecimal b ? b : new BigDecimal(value.toString()))).setScale(2);
    }

    private static java.time.OffsetDateTime offset(Object value) {
        if (value instanceof java.time.OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        return java.time.OffsetDateTime.parse(value.toString());
    }

    private static String array(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
