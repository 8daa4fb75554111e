package org.ipledger.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads of the summary tables (V6__stats.sql), by hand-written SQL: one index range scan per table
 * over (dim, month), grouped into periods in the database, never a scan of the pledges or loans.
 * Distinct enterprises are counted from the month member sets, the only exact way over several
 * months. Balances at a period's end are running sums of the monthly changes since the beginning.
 */
@ApplicationScoped
public class StatsQueries {

    /**
     * A cell: the first day of its period (or of the whole range), its breakdown (TOTAL, DISTRICT, ...)
     * and its group ('' for the total).
     */
    record Key(LocalDate period, String dim, String group) {
    }

    private final Pool pool;

    public StatsQueries(Pool pool) {
        this.pool = pool;
    }

    /** The same queries on another pool: the one {@link org.ipledger.replica.ReadReplica} chose for a request. */
    StatsQueries on(Pool readPool) {
        return readPool == pool ? this : new StatsQueries(readPool);
    }

    /**
     * Figures of both bases per period and group, for months {@code firstMonth..lastMonth} (first
     * days), for the breakdowns {@code dims}. {@code period} null means one period: the whole range,
     * keyed by {@code firstMonth}.
     */
    Uni<Map<Key, Figures.Registration>> registration(List<String> dims, LocalDate firstMonth, LocalDate lastMonth, StatsPeriod period) {
        Tuple args = Tuple.of(dims.toArray(new String[0]), firstMonth, lastMonth, unit(period));
        Uni<Map<Key, long[]>> enterprises = members(dims, firstMonth, lastMonth, period, List.of("ENTERPRISE"));
        // The sums and the member counts run side by side, on two connections.
        return Uni.combine().all().unis(pool.preparedQuery("select " + BUCKET + """
                         as p, dim, grp, sum(pledges)::bigint as pledges, sum(pledged_amount) as amount,
                               sum(pledged_assets)::bigint as assets
                        from stats_pledge_month where dim = any($1) and month between $2 and $3
                        group by 1, 2, 3""")
                .execute(args), enterprises).asTuple().map(t -> {
                    RowSet<Row> rows = t.getItem1();
                    Map<Key, long[]> sets = t.getItem2();
                    Map<Key, Figures.Registration> out = new HashMap<>();
                    for (Row r : rows) {
                        Key k = new Key(r.getLocalDate("p"), r.getString("dim"), r.getString("grp"));
                        long[] n = sets.getOrDefault(k, new long[1]);
                        out.put(k, new Figures.Registration(r.getLong("pledges"), money(r.getBigDecimal("amount")),
                                r.getLong("assets"), n[0]));
                    }
                    out.entrySet().removeIf(e -> e.getValue().isEmpty());
                    return out;
                });
    }

    Uni<Map<Key, Figures.Lending>> lending(List<String> dims, LocalDate firstMonth, LocalDate lastMonth, StatsPeriod period) {
        Tuple args = Tuple.of(dims.toArray(new String[0]), firstMonth, lastMonth, unit(period));
        Uni<Map<Key, long[]>> sets = members(dims, firstMonth, lastMonth, period,
                List.of("BORROWER", "INCLUSIVE", "FIRST_TIME", "DEFAULTER", "INSURED"));
        Uni<Map<Key, Balance>> balances = balances(dims, firstMonth, lastMonth, period);
        return Uni.combine().all().unis(pool.preparedQuery("select " + BUCKET + """
                         as p, dim, grp, sum(loans_issued)::bigint as loans, sum(principal_issued) as principal,
                               sum(inclusive_loans)::bigint as inclusive_loans, sum(inclusive_principal) as inclusive_principal,
                               sum(defaults)::bigint as defaults, sum(insured_loans)::bigint as insured_loans,
                               sum(insured_principal) as insured_principal
                        from stats_loan_month where dim = any($1) and month between $2 and $3
                        group by 1, 2, 3""")
                .execute(args), sets, balances).asTuple().map(t -> {
                    RowSet<Row> rows = t.getItem1();
                    Map<Key, long[]> members = t.getItem2();
                    Map<Key, Balance> bal = t.getItem3();
                    Map<Key, Figures.Lending> out = new HashMap<>();
                    for (Row r : rows) {
                        Key k = new Key(r.getLocalDate("p"), r.getString("dim"), r.getString("grp"));
                        long[] n = members.getOrDefault(k, new long[5]);
                        out.put(k, new Figures.Lending(r.getLong("loans"), money(r.getBigDecimal("principal")),
                                r.getLong("inclusive_loans"), money(r.getBigDecimal("inclusive_principal")),
                                n[2], n[0], n[1], Figures.ZERO, 0, r.getLong("defaults"), n[3],
                                r.getLong("insured_loans"), money(r.getBigDecimal("insured_principal")), n[4]));
                    }
                    bal.forEach((k, b) -> out.merge(k, Figures.Lending.EMPTY.withOutstanding(b.amount, b.loans),
                            (have, none) -> have.withOutstanding(b.amount, b.loans)));
                    out.entrySet().removeIf(e -> e.getValue().isEmpty());
                    return out;
                });
    }

    private record Balance(BigDecimal amount, long loans) {
    }

    /**
     * Outstanding principal (and loans with a balance) at the end of each period: the monthly changes
     * summed from the first month on record up to the period's last month.
     */
    private Uni<Map<Key, Balance>> balances(List<String> dims, LocalDate firstMonth, LocalDate lastMonth, StatsPeriod period) {
        return pool.preparedQuery("""
                        select date_trunc($3::text, month::timestamp)::date as p, dim, grp, sum(outstanding_change) as amount,
                               sum(outstanding_loans_change)::bigint as loans
                        from stats_loan_month where dim = any($1) and month <= $2
                        group by 1, 2, 3 order by 1""")
                .execute(Tuple.of(dims.toArray(new String[0]), lastMonth, unit(period == null ? StatsPeriod.MONTH : period)))
                .map(rows -> {
                    Map<List<String>, TreeMap<LocalDate, Balance>> byGroup = new HashMap<>();
                    for (Row r : rows) {
                        byGroup.computeIfAbsent(List.of(r.getString("dim"), r.getString("grp")), g -> new TreeMap<>())
                                .put(r.getLocalDate("p"), new Balance(money(r.getBigDecimal("amount")), r.getLong("loans")));
                    }
                    Map<Key, Balance> out = new HashMap<>();
                    byGroup.forEach((group, changes) -> {
                        BigDecimal amount = Figures.ZERO;
                        long loans = 0;
                        // One period (the whole range, keyed by its first month) or every period in the range.
                        int step = period == null ? Integer.MAX_VALUE : period.months;
                        LocalDate p = period == null ? firstMonth : period.start(firstMonth);
                        LocalDate end = period == null ? firstMonth : period.start(lastMonth);
                        var it = changes.entrySet().iterator();
                        var next = it.hasNext() ? it.next() : null;
                        for (; !p.isAfter(end); p = period == null ? end.plusDays(1) : p.plusMonths(step)) {
                            LocalDate periodEnd = period == null ? lastMonth : p.plusMonths(step - 1);
                            while (next != null && !next.getKey().isAfter(periodEnd)) {
                                amount = amount.add(next.getValue().amount);
                                loans += next.getValue().loans;
                                next = it.hasNext() ? it.next() : null;
                            }
                            if (amount.signum() != 0 || loans != 0) {
                                out.put(new Key(p, group.get(0), group.get(1)), new Balance(amount, loans));
                            }
                        }
                    });
                    return out;
                });
    }

    /**
     * Distinct members per cell, one count per set name in the order given. Whole months, quarters and
     * years (and a range that is exactly one of them) read the kept counts (stats_member_count, V9);
     * any other range counts the distinct members of its months.
     */
    private Uni<Map<Key, long[]>> members(List<String> dims, LocalDate firstMonth, LocalDate lastMonth, StatsPeriod period,
                                          List<String> setNames) {
        StatsPeriod level = period != null ? period : wholePeriod(firstMonth, lastMonth);
        if (level != null) {
            String suffix = switch (level) {
                case MONTH -> "";
                case QUARTER -> "@Q";
                case YEAR -> "@Y";
            };
            Tuple args = Tuple.of(dims.toArray(new String[0]), firstMonth, lastMonth,
                    setNames.stream().map(n -> n + suffix).toArray(String[]::new));
            return pool.preparedQuery("""
                            select month as p, dim, grp, set_name, n from stats_member_count
                            where set_name = any($4) and dim = any($1) and month between $2 and $3 and n > 0""")
                    .execute(args)
                    .map(rows -> {
                        Map<Key, long[]> out = new HashMap<>();
                        for (Row r : rows) {
                            String set = r.getString("set_name");
                            out.computeIfAbsent(new Key(r.getLocalDate("p"), r.getString("dim"), r.getString("grp")),
                                    k -> new long[setNames.size()])[setNames.indexOf(set.substring(0, set.length() - suffix.length()))]
                                    = r.getLong("n");
                        }
                        return out;
                    });
        }
        Tuple withSets = Tuple.of(dims.toArray(new String[0]), firstMonth, lastMonth, null, setNames.toArray(new String[0]));
        return pool.preparedQuery("select " + BUCKET + """
                         as p, dim, grp, set_name, count(distinct party_id) as n
                        from stats_member where set_name = any($5) and dim = any($1) and month between $2 and $3
                        group by 1, 2, 3, 4""")
                .execute(withSets)
                .map(rows -> {
                    Map<Key, long[]> out = new HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(new Key(r.getLocalDate("p"), r.getString("dim"), r.getString("grp")),
                                        k -> new long[setNames.size()])
                                [setNames.indexOf(r.getString("set_name"))] = r.getLong("n");
                    }
                    return out;
                });
    }

    /** The calendar month, quarter or year that a range of months is exactly, or null. */
    static StatsPeriod wholePeriod(LocalDate firstMonth, LocalDate lastMonth) {
        for (StatsPeriod p : StatsPeriod.values()) {
            if (p.start(firstMonth).equals(firstMonth) && firstMonth.plusMonths(p.months - 1).equals(lastMonth)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Securitization issuance per period (total only: a product is not a district's or a bank's), read
     * from the products issued in the range through their issue-date index: the products, their
     * tranches' original principal, their issuers, and the ledger loans pooled (outstanding at cut-off)
     * and their borrowers. Issuance is the tranches' principal whatever the pool holds, so other pool
     * kinds add their own pool figures here without changing it.
     */
    Uni<Map<LocalDate, Figures.Securitization>> securitization(LocalDate firstMonth, LocalDate lastMonth, StatsPeriod period) {
        Tuple args = Tuple.of(firstMonth, lastMonth.plusMonths(1), unit(period));
        Uni<Map<LocalDate, Row>> pools = pool.preparedQuery("select " + ISSUE_BUCKET + """
                         as p, count(*) as loans, sum(pl.outstanding_at_cutoff) as amount,
                               count(distinct l.borrower_id) as borrowers
                        from sec_product s join sec_pool_loan pl on pl.product_id = s.id join loan l on l.id = pl.loan_id
                        where s.issue_date >= $1 and s.issue_date < $2
                        group by 1""")
                .execute(args).map(rows -> {
                    Map<LocalDate, Row> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getLocalDate("p"), r));
                    return out;
                });
        return Uni.combine().all().unis(pool.preparedQuery("select " + ISSUE_BUCKET + """
                         as p, count(*) as products, sum(t.principal) as issued, count(distinct s.issuer_id) as issuers
                        from sec_product s
                        cross join lateral (select coalesce(sum(original_principal), 0) as principal
                                            from sec_tranche t where t.product_id = s.id) t
                        where s.issue_date >= $1 and s.issue_date < $2
                        group by 1""")
                .execute(args), pools).asTuple().map(t -> {
                    RowSet<Row> rows = t.getItem1();
                    Map<LocalDate, Row> pooled = t.getItem2();
                    Map<LocalDate, Figures.Securitization> out = new HashMap<>();
                    for (Row r : rows) {
                        Row pl = pooled.get(r.getLocalDate("p"));
                        out.put(r.getLocalDate("p"), new Figures.Securitization(r.getLong("products"),
                                money(r.getBigDecimal("issued")), r.getLong("issuers"),
                                pl == null ? 0 : pl.getLong("loans"), pl == null ? Figures.ZERO : money(pl.getBigDecimal("amount")),
                                pl == null ? 0 : pl.getLong("borrowers")));
                    }
                    return out;
                });
    }

    /** Names of the banks among the BANK groups (party ids), for people to read. */
    Uni<Map<String, String>> bankNames(java.util.Collection<String> groups) {
        Long[] ids = groups.stream().filter(g -> g.matches("\\d{1,18}")).map(Long::valueOf).toArray(Long[]::new);
        if (ids.length == 0) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select id, name from party where id = any($1)").execute(Tuple.of(ids)).map(rows -> {
            Map<String, String> out = new HashMap<>();
            rows.forEach(r -> out.put(String.valueOf(r.getLong("id")), r.getString("name")));
            return out;
        });
    }

    /** Period of a product: date_trunc of its issue date by the unit, or the range's first month. */
    private static final String ISSUE_BUCKET =
            "(case when $3::text is null then $1::date else date_trunc($3::text, s.issue_date::timestamp)::date end)";

    /** Period of a month row: date_trunc by the unit, or the range's first month when there is none. */
    private static final String BUCKET = "(case when $4::text is null then $2::date else date_trunc($4::text, month::timestamp)::date end)";

    private static String unit(StatsPeriod period) {
        return period == null ? null : period.name().toLowerCase();
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? Figures.ZERO : amount.setScale(2);
    }
}
