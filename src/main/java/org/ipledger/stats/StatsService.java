package org.ipledger.stats;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.Roles;
import org.ipledger.replica.ReadReplica;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/** Volumes for the lab and aggregates for regulators, from the summary tables, with disclosure control. */
@ApplicationScoped
public class StatsService {

    /** At most 10 years per request. */
    static final int MAX_MONTHS = 120;

    private final StatsQueries queries;
    private final ReadReplica reads;

    public StatsService(StatsQueries queries, ReadReplica reads) {
        this.queries = queries;
        this.reads = reads;
    }

    /** Regulators and admins see everything; the lab only what disclosure control lets through. */
    static boolean controlled(Caller caller) {
        return !caller.is(Roles.REGULATOR) && !caller.is(Roles.ADMIN);
    }

    // ---- volumes ------------------------------------------------------------------------------

    /** Read where {@link ReadReplica} decides (a replica close enough behind, or the primary), saying which. */
    public Uni<VolumesView> volumes(Caller caller, YearMonth from, YearMonth to, StatsPeriod period, StatsBreakdown groupBy) {
        return reads.choose().flatMap(read -> volumes(queries.on(read.pool()), caller, from, to, period, groupBy)
                .map(view -> view.withReadFrom(read.readFrom())));
    }

    private Uni<VolumesView> volumes(StatsQueries queries, Caller caller, YearMonth from, YearMonth to, StatsPeriod period,
                                     StatsBreakdown groupBy) {
        if (to.isBefore(from)) {
            throw ApiProblem.invalidField("to", "must not be before from");
        }
        // Periods are whole: the range widens to the first and last month of its periods.
        LocalDate first = period.start(from.atDay(1));
        LocalDate last = period.start(to.atDay(1)).plusMonths(period.months - 1);
        if (ChronoUnit.MONTHS.between(first, last) + 1 > MAX_MONTHS) {
            throw ApiProblem.invalidField("to", "the range must not exceed " + MAX_MONTHS / 12 + " years of whole periods");
        }
        boolean controlled = controlled(caller);
        String dim = groupBy == null ? "TOTAL" : groupBy.name();
        LocalDate priorFirst = first.minusYears(1);
        Uni<Map<StatsQueries.Key, Figures.Registration>> reg = queries.registration(dim, priorFirst, last, period);
        Uni<Map<StatsQueries.Key, Figures.Lending>> lend = queries.lending(dim, priorFirst, last, period);
        boolean needTotals = controlled && groupBy != null;
        Uni<Map<StatsQueries.Key, Figures.Registration>> regTotals = needTotals
                ? queries.registration("TOTAL", priorFirst, last, period) : Uni.createFrom().item(Map.of());
        Uni<Map<StatsQueries.Key, Figures.Lending>> lendTotals = needTotals
                ? queries.lending("TOTAL", priorFirst, last, period) : Uni.createFrom().item(Map.of());
        return reg.flatMap(r -> lend.flatMap(l -> regTotals.flatMap(rt -> lendTotals.map(lt -> {
            List<LocalDate> periods = new ArrayList<>();
            for (LocalDate p = priorFirst; !p.isAfter(last); p = p.plusMonths(period.months)) {
                periods.add(p);
            }
            Map<LocalDate, Disclosure.Decision> regDecisions = new HashMap<>();
            Map<LocalDate, Disclosure.Decision> lendDecisions = new HashMap<>();
            for (LocalDate p : periods) {
                regDecisions.put(p, !controlled ? Disclosure.Decision.NONE : groupBy == null
                        ? totalOnly(r.getOrDefault(new StatsQueries.Key(p, ""), Figures.Registration.EMPTY).tooFewEnterprises())
                        : Disclosure.decide(rt.getOrDefault(new StatsQueries.Key(p, ""), Figures.Registration.EMPTY).tooFewEnterprises(),
                        groupsOf(r, p), Figures.Registration::tooFewEnterprises, Figures.Registration::contributors));
                lendDecisions.put(p, !controlled ? Disclosure.Decision.NONE : groupBy == null
                        ? totalOnly(l.getOrDefault(new StatsQueries.Key(p, ""), Figures.Lending.EMPTY).tooFewEnterprises())
                        : Disclosure.decide(lt.getOrDefault(new StatsQueries.Key(p, ""), Figures.Lending.EMPTY).tooFewEnterprises(),
                        groupsOf(l, p), Figures.Lending::tooFewEnterprises, Figures.Lending::contributors));
            }
            List<VolumesView.Row> rows = new ArrayList<>();
            for (LocalDate p : periods) {
                if (p.isBefore(first)) {
                    continue;
                }
                LocalDate prior = p.minusYears(1);
                TreeSet<String> groups = new TreeSet<>();
                if (groupBy == null) {
                    groups.add("");
                } else {
                    groups.addAll(groupsOf(r, p).keySet());
                    groups.addAll(groupsOf(r, prior).keySet());
                    groups.addAll(groupsOf(l, p).keySet());
                    groups.addAll(groupsOf(l, prior).keySet());
                }
                for (String g : groups) {
                    boolean regNow = hidden(regDecisions.get(p), groupBy, g);
                    boolean regBefore = hidden(regDecisions.get(prior), groupBy, g);
                    boolean lendNow = hidden(lendDecisions.get(p), groupBy, g);
                    boolean lendBefore = hidden(lendDecisions.get(prior), groupBy, g);
                    Figures.Registration rn = r.getOrDefault(new StatsQueries.Key(p, g), Figures.Registration.EMPTY);
                    Figures.Registration rp = r.getOrDefault(new StatsQueries.Key(prior, g), Figures.Registration.EMPTY);
                    Figures.Lending ln = l.getOrDefault(new StatsQueries.Key(p, g), Figures.Lending.EMPTY);
                    Figures.Lending lp = l.getOrDefault(new StatsQueries.Key(prior, g), Figures.Lending.EMPTY);
                    rows.add(new VolumesView.Row(period.label(p), groupBy == null ? null : g,
                            new VolumesView.Registration(regNow,
                                    count(rn, rp, regNow, regBefore, Figures.Registration::pledges),
                                    amount(rn, rp, regNow, regBefore, Figures.Registration::pledgedAmount),
                                    count(rn, rp, regNow, regBefore, Figures.Registration::pledgedAssets),
                                    count(rn, rp, regNow, regBefore, Figures.Registration::enterprises)),
                            new VolumesView.Lending(lendNow,
                                    count(ln, lp, lendNow, lendBefore, Figures.Lending::loansIssued),
                                    amount(ln, lp, lendNow, lendBefore, Figures.Lending::principalIssued),
                                    count(ln, lp, lendNow, lendBefore, Figures.Lending::inclusiveLoans),
                                    amount(ln, lp, lendNow, lendBefore, Figures.Lending::inclusivePrincipal),
                                    count(ln, lp, lendNow, lendBefore, Figures.Lending::firstTimePledgors),
                                    count(ln, lp, lendNow, lendBefore, Figures.Lending::borrowers),
                                    amount(ln, lp, lendNow, lendBefore, Figures.Lending::outstanding),
                                    count(ln, lp, lendNow, lendBefore, Figures.Lending::defaults))));
                }
            }
            return new VolumesView(YearMonth.from(first).toString(), YearMonth.from(last).toString(), period, groupBy,
                    controlled, rows);
        }))));
    }

    private static Disclosure.Decision totalOnly(boolean tooFew) {
        return new Disclosure.Decision(tooFew, java.util.Set.of());
    }

    private static boolean hidden(Disclosure.Decision d, StatsBreakdown groupBy, String group) {
        return groupBy == null ? d.totalSuppressed() : d.suppressed(group);
    }

    private static <F> Map<String, F> groupsOf(Map<StatsQueries.Key, F> cells, LocalDate period) {
        Map<String, F> out = new HashMap<>();
        cells.forEach((k, f) -> {
            if (k.period().equals(period)) {
                out.put(k.group(), f);
            }
        });
        return out;
    }

    private static <F> VolumesView.Count count(F now, F before, boolean hideNow, boolean hideBefore, Function<F, Long> figure) {
        Long value = hideNow ? null : figure.apply(now);
        Long prior = hideBefore ? null : figure.apply(before);
        if (value == null || prior == null) {
            return new VolumesView.Count(value, prior, null, null);
        }
        return new VolumesView.Count(value, prior, value - prior,
                prior == 0 ? null : ratio(BigDecimal.valueOf(value - prior), BigDecimal.valueOf(prior)));
    }

    private static <F> VolumesView.Amount amount(F now, F before, boolean hideNow, boolean hideBefore,
                                                 Function<F, BigDecimal> figure) {
        BigDecimal value = hideNow ? null : figure.apply(now);
        BigDecimal prior = hideBefore ? null : figure.apply(before);
        if (value == null || prior == null) {
            return new VolumesView.Amount(value, prior, null, null);
        }
        BigDecimal change = value.subtract(prior);
        return new VolumesView.Amount(value, prior, change, prior.signum() == 0 ? null : ratio(change, prior));
    }

    /** The one place a ratio is rounded: 4 decimals, half-even. */
    static String ratio(BigDecimal change, BigDecimal prior) {
        return change.divide(prior, 4, RoundingMode.HALF_EVEN).toPlainString();
    }

    // ---- regulator aggregates -----------------------------------------------------------------

    public Uni<AggregatesView> aggregates(Caller caller, LocalDate from, LocalDate to) {
        return reads.choose().flatMap(read -> aggregates(queries.on(read.pool()), caller, from, to)
                .map(view -> view.withReadFrom(read.readFrom())));
    }

    private Uni<AggregatesView> aggregates(StatsQueries queries, Caller caller, LocalDate from, LocalDate to) {
        if (from.getDayOfMonth() != 1) {
            throw ApiProblem.invalidField("from", "must be the first day of a month (the summaries are monthly)");
        }
        if (!to.equals(YearMonth.from(to).atEndOfMonth())) {
            throw ApiProblem.invalidField("to", "must be the last day of a month (the summaries are monthly)");
        }
        if (to.isBefore(from)) {
            throw ApiProblem.invalidField("to", "must not be before from");
        }
        LocalDate first = from;
        LocalDate last = to.withDayOfMonth(1);
        if (ChronoUnit.MONTHS.between(first, last) + 1 > MAX_MONTHS) {
            throw ApiProblem.invalidField("to", "the range must not exceed " + MAX_MONTHS / 12 + " years");
        }
        boolean controlled = controlled(caller);
        List<String> dims = List.of("TOTAL", "DISTRICT", "INDUSTRY", "BANK", "IP_KIND");
        Map<String, Map<String, Figures.Registration>> reg = new HashMap<>();
        Map<String, Map<String, Figures.Lending>> lend = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String dim : dims) {
            chain = chain.chain(() -> queries.registration(dim, first, last, null).invoke(m -> reg.put(dim, byGroup(m))))
                    .chain(() -> queries.lending(dim, first, last, null).invoke(m -> lend.put(dim, byGroup(m))))
                    .replaceWithVoid();
        }
        return chain.map(x -> {
            Figures.Registration regTotal = reg.get("TOTAL").getOrDefault("", Figures.Registration.EMPTY);
            Figures.Lending lendTotal = lend.get("TOTAL").getOrDefault("", Figures.Lending.EMPTY);
            boolean regTotalHidden = controlled && regTotal.tooFewEnterprises();
            boolean lendTotalHidden = controlled && lendTotal.tooFewEnterprises();
            Map<String, Disclosure.Decision> regDecisions = new HashMap<>();
            Map<String, Disclosure.Decision> lendDecisions = new HashMap<>();
            for (String dim : dims.subList(1, dims.size())) {
                Disclosure.Decision rd = controlled ? Disclosure.decide(regTotalHidden, reg.get(dim),
                        Figures.Registration::tooFewEnterprises, Figures.Registration::contributors) : Disclosure.Decision.NONE;
                Disclosure.Decision ld = controlled ? Disclosure.decide(lendTotalHidden, lend.get(dim),
                        Figures.Lending::tooFewEnterprises, Figures.Lending::contributors) : Disclosure.Decision.NONE;
                regTotalHidden |= rd.totalSuppressed();
                lendTotalHidden |= ld.totalSuppressed();
                regDecisions.put(dim, rd);
                lendDecisions.put(dim, ld);
            }
            var registration = new AggregatesView.RegistrationSection(regCell(null, regTotal, regTotalHidden),
                    regCells(reg.get("DISTRICT"), regDecisions.get("DISTRICT")),
                    regCells(reg.get("INDUSTRY"), regDecisions.get("INDUSTRY")),
                    regCells(reg.get("BANK"), regDecisions.get("BANK")),
                    regCells(reg.get("IP_KIND"), regDecisions.get("IP_KIND")));
            var lending = new AggregatesView.LendingSection(lendCell(null, lendTotal, lendTotalHidden),
                    lendCells(lend.get("DISTRICT"), lendDecisions.get("DISTRICT")),
                    lendCells(lend.get("INDUSTRY"), lendDecisions.get("INDUSTRY")),
                    lendCells(lend.get("BANK"), lendDecisions.get("BANK")),
                    lendCells(lend.get("IP_KIND"), lendDecisions.get("IP_KIND")));
            return new AggregatesView(from, to, controlled, registration, lending);
        });
    }

    private static <F> Map<String, F> byGroup(Map<StatsQueries.Key, F> cells) {
        Map<String, F> out = new java.util.TreeMap<>();
        cells.forEach((k, f) -> out.put(k.group(), f));
        return out;
    }

    private static List<AggregatesView.RegistrationCell> regCells(Map<String, Figures.Registration> cells, Disclosure.Decision d) {
        return cells.entrySet().stream().map(e -> regCell(e.getKey(), e.getValue(), d.suppressed(e.getKey()))).toList();
    }

    private static AggregatesView.RegistrationCell regCell(String group, Figures.Registration f, boolean hidden) {
        return hidden ? new AggregatesView.RegistrationCell(group, true, null, null, null, null)
                : new AggregatesView.RegistrationCell(group, false, f.pledges(), f.pledgedAmount(), f.pledgedAssets(), f.enterprises());
    }

    private static List<AggregatesView.LendingCell> lendCells(Map<String, Figures.Lending> cells, Disclosure.Decision d) {
        return cells.entrySet().stream().map(e -> lendCell(e.getKey(), e.getValue(), d.suppressed(e.getKey()))).toList();
    }

    private static AggregatesView.LendingCell lendCell(String group, Figures.Lending f, boolean hidden) {
        return hidden ? new AggregatesView.LendingCell(group, true, null, null, null, null, null, null, null, null)
                : new AggregatesView.LendingCell(group, false, f.loansIssued(), f.principalIssued(), f.inclusiveLoans(),
                f.inclusivePrincipal(), f.firstTimePledgors(), f.borrowers(), f.outstanding(), f.defaults());
    }
}
