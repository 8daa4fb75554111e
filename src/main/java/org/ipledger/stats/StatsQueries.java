package org.ipledger.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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

    /** A cell: the first day of its period (or of the whole range) and its group ('' for the total). */
    record Key(LocalDate period, String group) {
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
     * days). {@code period} null means one period: the whole range, keyed by {@code firstMonth}.
     */
    Uni<Map<Key, Figures.Registration>> registration(String dim, LocalDate firstMonth, LocalDate lastMonth, StatsPeriod period) {
        Tuple args = Tuple.of(dim, firstMonth, lastMonth, unit(period));
        Uni<Map<Key, long[]>> enterprises = members(dim, firstMonth, lastMonth, period, List.of("ENTERPRISE"));
        return pool.preparedQuery("select " + BUCKET + """
                         as p, grp, sum(pledges)::bigint as pledges, sum(pledged_amount) as amount,
                               sum(pledged_assets)::bigint as assets
                        from stats_pledge_month where dim = $1 and month between $2 and $3
                        group by 1, 2""")
                .execute(args)
                .flatMap(rows -> enterprises.map(sets -> {
                    Map<Key, Figures.Registration> out = new HashMap<>();
                    for (Row r : rows) {
                        Key k = new Key(r.getLocalDate("p"), r.getString("grp"));
                        long[] n = sets.getOrDefault(k, new long[1]);
                        out.put(k, new Figures.Registration(r.getLong("pledges"), money(r.getBigDecimal("amount")),
                                r.getLong("assets"), n[0]));
                    }
                    out.entrySet().removeIf(e -> e.getValue().isEmpty());
                    return out;
                }));
    }

    Uni<Map<Key, Figures.Lending>> lending(String dim, LocalDate firstMonth, LocalDate lastMonth, StatsPeriod period) {
        Tuple args = Tuple.of(dim, firstMonth, lastMonth, unit(period));
        Uni<Map<Key, long[]>> sets = members(dim, firstMonth, lastMonth, period,
                List.of("BORROWER", "INCLUSIVE", "FIRST_TIME", "DEFAULTER"));
        Uni<Map<Key, Balance>> balances = balances(dim, firstMonth, lastMonth, period);
        return pool.preparedQuery("select " + BUCKET + """
                         as p, grp, sum(loans_issued)::bigint as loans, sum(principal_issued) as principal,
                               sum(inclusive_loans)::bigint as inclusive_loans, sum(inclusive_principal) as inclusive_principal,
                               sum(defaults)::bigint as defaults
                        from stats_loan_month where dim = $1 and month between $2 and $3
                        group by 1, 2""")
                .execute(args)
                .flatMap(rows -> sets.flatMap(members -> balances.map(bal -> {
                    Map<Key, Figures.Lending> out = new HashMap<>();
                    for (Row r : rows) {
                        Key k = new Key(r.getLocalDate("p"), r.getString("grp"));
                        long[] n = members.getOrDefault(k, new long[4]);
                        out.put(k, new Figures.Lending(r.getLong("loans"), money(r.getBigDecimal("principal")),
                                r.getLong("inclusive_loans"), money(r.getBigDecimal("inclusive_principal")),
                                n[2], n[0], n[1], Figures.ZERO, 0, r.getLong("defaults"), n[3]));
                    }
                    bal.forEach((k, b) -> out.merge(k, Figures.Lending.EMPTY.withOutstanding(b.amount, b.loans),
                            (have, none) -> have.withOutstanding(b.amount, b.loans)));
                    out.entrySet().removeIf(e -> e.getValue().isEmpty());
                    return out;
                })));
    }

    private record Balance(BigDecimal amount, long loans) {
    }

    /**
     * Outstanding principal (and loans with a balance) at the end of each period: the monthly changes
     * summed from the first month on record up to the period's last month.
     */
    private Uni<Map<Key, Balance>> balances(String dim, LocalDate firstMonth, LocalDate lastMonth, StatsPeriod period) {
        return pool.preparedQuery("""
                        select date_trunc($3::text, month::timestamp)::date as p, grp, sum(outstanding_change) as amount,
                               sum(outstanding_loans_change)::bigint as loans
                        from stats_loan_month where dim = $1 and month <= $2
                        group by 1, 2 order by 1""")
                .execute(Tuple.of(dim, lastMonth, unit(period == null ? StatsPeriod.MONTH : period)))
                .map(rows -> {
                    Map<String, TreeMap<LocalDate, Balance>> byGroup = new HashMap<>();
                    for (Row r : rows) {
                        byGroup.computeIfAbsent(r.getString("grp"), g -> new TreeMap<>())
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
                                out.put(new Key(p, group), new Balance(amount, loans));
                            }
                        }
                    });
                    return out;
                });
    }

    /** Distinct members per cell, one count per set name in the order given. */
    private Uni<Map<Key, long[]>> members(String dim, LocalDate firstMonth, LocalDate lastMonth, StatsPeriod period,
                                          List<String> setNames) {
        Tuple withSets = Tuple.of(dim, firstMonth, lastMonth, unit(period), setNames.toArray(new String[0]));
        return pool.preparedQuery("select " + BUCKET + """
                         as p, grp, set_name, count(distinct party_id) as n
                        from stats_member where set_name = any($5) and dim = $1 and month between $2 and $3
                        group by 1, 2, 3""")
                .execute(withSets)
                .map(rows -> {
                    Map<Key, long[]> out = new HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(new Key(r.getLocalDate("p"), r.getString("grp")), k -> new long[setNames.size()])
                                [setNames.indexOf(r.getString("set_name"))] = r.getLong("n");
                    }
                    return out;
                });
    }

    /** Period of a month row: date_trunc by the unit, or the range's first month when there is none. */
    private static final String BUCKET = "(case when $4::text is null then $2::date else date_trunc($4::text, month::timestamp)::date end)";

    private static String unit(StatsPeriod period) {
        return period == null ? null : period.name().toLowerCase();
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount == null ? Figures.ZERO : amount.setScale(2);
    }
}
