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

    /** Interest and principal repaid on the pool's loans in (start, end]: {interest, principal}. */
    public Uni<BigDecimal[]> collections(long productId, LocalDate start, LocalDate end) {
        return getSession().flatMap(s -> s.createNativeQuery("select coalesce(sum(e.interest_amount), 0),"
                        + " coalesce(sum(e.principal_amount), 0) from loan_event e"
                        + " join sec_pool_loan pl on pl.loan_id = e.loan_id and pl.product_id = :product"
                        + " where e.kind in ('REPAYMENT','FULL_REPAYMENT') and e.occurred_on > :start and e.occurred_on <= :end",
                        Object[].class)
                .setParameter("product", productId).setParameter("start", start).setParameter("end", end)
                .getSingleResult())
                .map(r -> new BigDecimal[] {money(r[0]), money(r[1])});
    }

    /** Outstanding principal at DEFAULT of the pool's loans, defaulted on or before {@code end}. */
    public Uni<BigDecimal> cumulativeDefaults(long productId, LocalDate end) {
        return getSession().flatMap(s -> s.createNativeQuery("select coalesce(sum(e.outstanding_after), 0) from loan_event e"
                        + " join sec_pool_loan pl on pl.loan_id = e.loan_id and pl.product_id = :product"
                        + " where e.kind = 'DEFAULT' and e.occurred_on <= :end", Object.class)
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
                        + " period_end, collected, paid_out, cash_carried, report, recorded_by) values (:product, :number,"
                        + " :start, :end, :collected, :paidOut, :carried, cast(cast(:report as text) as jsonb), :actor)"
                        + " returning id", Long.class)
                .setParameter("product", productId).setParameter("number", r.periodNumber())
                .setParameter("start", r.periodStart()).setParameter("end", r.periodEnd())
                .setParameter("collected", r.collected()).setParameter("paidOut", r.paidOut())
                .setParameter("carried", r.cashCarried()).setParameter("report", reportJson).setParameter("actor", actor)
                .getSingleResult());
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
                        (LocalDate) r[1])).filter(l -> l.balance().signum() > 0).toList());
    }

    /** Marks the product's loans out of any live product: the product is retired. */
    public Uni<Integer> releasePool(long productId) {
        return getSession().flatMap(s -> s.createNativeQuery("update sec_pool_loan set live = false where product_id = :product")
                .setParameter("product", productId).executeUpdate());
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

    private static String array(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
