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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Volumes for the lab and aggregates for regulators, from the summary tables, with disclosure control. */
@ApplicationScoped
public class StatsService {

    /** At most 10 years per request. */
    static final int MAX_MONTHS = 120;

    static final List<String> DIMS = List.of("TOTAL", "DISTRICT", "INDUSTRY", "BANK", "IP_KIND");

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(StatsService.class);

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
        Uni<Map<StatsQueries.Key, Figures.Registration>> reg = queries.registration(List.of(dim), priorFirst, last, period);
        Uni<Map<StatsQueries.Key, Figures.Lending>> lend = queries.lending(List.of(dim), priorFirst, last, period);
        Uni<Map<LocalDate, Figures.Securitization>> sec = groupBy == null
                ? queries.securitization(priorFirst, last, period) : Uni.createFrom().item(Map.of());
        Uni<Suppression> suppression = controlled
                ? suppression(priorFirst.getYear(), last.getYear()) : Uni.createFrom().item(Suppression.NONE);
        return Uni.combine().all().unis(reg, lend, sec, suppression).asTuple().flatMap(t -> {
            Map<StatsQueries.Key, Figures.Registration> r = t.getItem1();
            Map<StatsQueries.Key, Figures.Lending> l = t.getItem2();
            Map<LocalDate, Figures.Securitization> s = t.getItem3();
            Suppression hide = t.getItem4();
            List<LocalDate> periods = new ArrayList<>();
            for (LocalDate p = first; !p.isAfter(last); p = p.plusMonths(period.months)) {
                periods.add(p);
            }
            Map<LocalDate, TreeSet<String>> groupsByPeriod = new HashMap<>();
            TreeSet<String> allGroups = new TreeSet<>();
            for (LocalDate p : periods) {
                TreeSet<String> groups = new TreeSet<>();
                if (groupBy == null) {
                    groups.add("");
                } else {
                    for (LocalDate q : List.of(p, p.minusYears(1))) {
                        r.keySet().stream().filter(k -> k.period().equals(q)).forEach(k -> groups.add(k.group()));
                        l.keySet().stream().filter(k -> k.period().equals(q)).forEach(k -> groups.add(k.group()));
                    }
                }
                groupsByPeriod.put(p, groups);
                allGroups.addAll(groups);
            }
            Uni<Map<String, String>> names = groupBy == StatsBreakdown.BANK
                    ? queries.bankNames(allGroups) : Uni.createFrom().item(Map.of());
            return names.map(bankNames -> {
                List<VolumesView.Row> rows = new ArrayList<>();
                for (LocalDate p : periods) {
                    LocalDate prior = p.minusYears(1);
                    for (String g : groupsByPeriod.get(p)) {
                        boolean regNow = hide.hidden(Basis.REGISTRATION, period, p, dim, g);
                        boolean regBefore = hide.hidden(Basis.REGISTRATION, period, prior, dim, g);
                        boolean lendNow = hide.hidden(Basis.LENDING, period, p, dim, g);
                        boolean lendBefore = hide.hidden(Basis.LENDING, period, prior, dim, g);
                        Figures.Registration rn = r.getOrDefault(new StatsQueries.Key(p, dim, g), Figures.Registration.EMPTY);
                        Figures.Registration rp = r.getOrDefault(new StatsQueries.Key(prior, dim, g), Figures.Registration.EMPTY);
                        Figures.Lending ln = l.getOrDefault(new StatsQueries.Key(p, dim, g), Figures.Lending.EMPTY);
                        Figures.Lending lp = l.getOrDefault(new StatsQueries.Key(prior, dim, g), Figures.Lending.EMPTY);
                        VolumesView.Securitization securitization = null;
                        if (groupBy == null) {
                            boolean secNow = hide.hidden(Basis.SECURITIZATION, period, p, dim, g);
                            boolean secBefore = hide.hidden(Basis.SECURITIZATION, period, prior, dim, g);
                            Figures.Securitization sn = s.getOrDefault(p, Figures.Securitization.EMPTY);
                            Figures.Securitization sp = s.getOrDefault(prior, Figures.Securitization.EMPTY);
                            securitization = new VolumesView.Securitization(secNow,
                                    count(sn, sp, secNow, secBefore, Figures.Securitization::products),
                                    amount(sn, sp, secNow, secBefore, Figures.Securitization::issuedPrincipal),
                                    count(sn, sp, secNow, secBefore, Figures.Securitization::loansSecuritized),
                                    amount(sn, sp, secNow, secBefore, Figures.Securitization::loansSecuritizedAmount));
                        }
                        rows.add(new VolumesView.Row(period.label(p), groupBy == null ? null : g, bankNames.get(g),
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
                                        count(ln, lp, lendNow, lendBefore, Figures.Lending::defaults),
                                        count(ln, lp, lendNow, lendBefore, Figures.Lending::insuredLoans),
                                        amount(ln, lp, lendNow, lendBefore, Figures.Lending::insuredPrincipal),
                                        share(ln, lp, lendNow, lendBefore)),
                                securitization));
                    }
                }
                return new VolumesView(YearMonth.from(first).toString(), YearMonth.from(last).toString(), period, groupBy,
                        controlled, rows);
            });
        });
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

    private static VolumesView.Share share(Figures.Lending now, Figures.Lending before, boolean hideNow, boolean hideBefore) {
        String value = hideNow ? null : now.insuranceCover();
        String prior = hideBefore ? null : before.insuranceCover();
        return new VolumesView.Share(value, prior, value == null || prior == null ? null
                : new BigDecimal(value).subtract(new BigDecimal(prior)).toPlainString());
    }

    /** The one place a ratio is rounded: 4 decimals, half-even. */
    static String ratio(BigDecimal change, BigDecimal prior) {
        return change.divide(prior, 4, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** A share of a whole, rounded like a ratio; null when the whole is 0. */
    static String share(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : ratio(part, whole);
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
        Uni<Suppression> suppression = controlled
                ? suppression(first.getYear(), last.getYear()) : Uni.createFrom().item(Suppression.NONE);
        return Uni.combine().all().unis(queries.registration(DIMS, first, last, null), queries.lending(DIMS, first, last, null),
                queries.securitization(first, last, null), suppression).asTuple().flatMap(t -> {
            Map<String, Map<String, Figures.Registration>> reg = byDim(t.getItem1());
            Map<String, Map<String, Figures.Lending>> lend = byDim(t.getItem2());
            Figures.Securitization sec = t.getItem3().getOrDefault(first, Figures.Securitization.EMPTY);
            Suppression hide = t.getItem4();
            List<Piece> pieces = pieces(first, last);
            TreeSet<String> banks = new TreeSet<>(reg.get("BANK").keySet());
            banks.addAll(lend.get("BANK").keySet());
            return queries.bankNames(banks).map(names -> {
                Function<String, Map<String, Figures.Registration>> r = reg::get;
                var registration = new AggregatesView.RegistrationSection(
                        regCell("TOTAL", "", null, r.apply("TOTAL").getOrDefault("", Figures.Registration.EMPTY), hide, pieces),
                        regCells("DISTRICT", reg, hide, pieces, Map.of()), regCells("INDUSTRY", reg, hide, pieces, Map.of()),
                        regCells("BANK", reg, hide, pieces, names), regCells("IP_KIND", reg, hide, pieces, Map.of()));
                var lending = new AggregatesView.LendingSection(
                        lendCell("TOTAL", "", null, lend.get("TOTAL").getOrDefault("", Figures.Lending.EMPTY), hide, pieces),
                        lendCells("DISTRICT", lend, hide, pieces, Map.of()), lendCells("INDUSTRY", lend, hide, pieces, Map.of()),
                        lendCells("BANK", lend, hide, pieces, names), lendCells("IP_KIND", lend, hide, pieces, Map.of()));
                boolean secHidden = hidden(hide, Basis.SECURITIZATION, pieces, "TOTAL", "");
                var securitization = secHidden ? new AggregatesView.SecuritizationCell(true, null, null, null, null)
                        : new AggregatesView.SecuritizationCell(false, sec.products(), sec.issuedPrincipal(),
                        sec.loansSecuritized(), sec.loansSecuritizedAmount());
                return new AggregatesView(from, to, controlled, registration, lending, securitization);
            });
        });
    }

    private static <F> Map<String, Map<String, F>> byDim(Map<StatsQueries.Key, F> cells) {
        Map<String, Map<String, F>> out = new HashMap<>();
        DIMS.forEach(d -> out.put(d, new TreeMap<>()));
        cells.forEach((k, f) -> out.get(k.dim()).put(k.group(), f));
        return out;
    }

    private static List<AggregatesView.RegistrationCell> regCells(String dim, Map<String, Map<String, Figures.Registration>> reg,
                                                                  Suppression hide, List<Piece> pieces, Map<String, String> names) {
        return reg.get(dim).entrySet().stream()
                .map(e -> regCell(dim, e.getKey(), names.get(e.getKey()), e.getValue(), hide, pieces)).toList();
    }

    private static AggregatesView.RegistrationCell regCell(String dim, String group, String name, Figures.Registration f,
                                                           Suppression hide, List<Piece> pieces) {
        return hidden(hide, Basis.REGISTRATION, pieces, dim, group)
                ? new AggregatesView.RegistrationCell(dim.equals("TOTAL") ? null : group, name, true, null, null, null, null)
                : new AggregatesView.RegistrationCell(dim.equals("TOTAL") ? null : group, name, false, f.pledges(),
                f.pledgedAmount(), f.pledgedAssets(), f.enterprises());
    }

    private static List<AggregatesView.LendingCell> lendCells(String dim, Map<String, Map<String, Figures.Lending>> lend,
                                                              Suppression hide, List<Piece> pieces, Map<String, String> names) {
        return lend.get(dim).entrySet().stream()
                .map(e -> lendCell(dim, e.getKey(), names.get(e.getKey()), e.getValue(), hide, pieces)).toList();
    }

    private static AggregatesView.LendingCell lendCell(String dim, String group, String name, Figures.Lending f,
                                                       Suppression hide, List<Piece> pieces) {
        String g = dim.equals("TOTAL") ? null : group;
        return hidden(hide, Basis.LENDING, pieces, dim, group)
                ? new AggregatesView.LendingCell(g, name, true, null, null, null, null, null, null, null, null, null, null, null)
                : new AggregatesView.LendingCell(g, name, false, f.loansIssued(), f.principalIssued(), f.inclusiveLoans(),
                f.inclusivePrincipal(), f.firstTimePledgors(), f.borrowers(), f.outstanding(), f.defaults(),
                f.insuredLoans(), f.insuredPrincipal(), f.insuranceCover());
    }

    // ---- disclosure control over whole years ---------------------------------------------------

    enum Basis { REGISTRATION, LENDING, SECURITIZATION }

    /** A lattice period of a range: a whole year, quarter or month. */
    record Piece(StatsPeriod level, LocalDate start) {
    }

    /** A range of months as the fewest whole years, then quarters, then months. */
    static List<Piece> pieces(LocalDate first, LocalDate last) {
        List<Piece> out = new ArrayList<>();
        LocalDate m = first;
        while (!m.isAfter(last)) {
            if (m.getMonthValue() == 1 && !m.plusMonths(11).isAfter(last)) {
                out.add(new Piece(StatsPeriod.YEAR, m));
                m = m.plusMonths(12);
            } else if ((m.getMonthValue() - 1) % 3 == 0 && !m.plusMonths(2).isAfter(last)) {
                out.add(new Piece(StatsPeriod.QUARTER, m));
                m = m.plusMonths(3);
            } else {
                out.add(new Piece(StatsPeriod.MONTH, m));
                m = m.plusMonths(1);
            }
        }
        return out;
    }

    /** A cell over a range is shown only where every lattice cell it is made of is shown. */
    private static boolean hidden(Suppression hide, Basis basis, List<Piece> pieces, String dim, String group) {
        for (Piece p : pieces) {
            if (hide.hidden(basis, p.level(), p.start(), dim, group)) {
                return true;
            }
        }
        return false;
    }

    /** The suppressed lattice cells of some whole years. */
    record Suppression(java.util.Set<List<Object>> cells) {
        static final Suppression NONE = new Suppression(java.util.Set.of());

        boolean hidden(Basis basis, StatsPeriod level, LocalDate start, String dim, String group) {
            return !cells.isEmpty() && cells.contains(List.of(basis, level, start, dim, group));
        }
    }

    /**
     * Decides the lattices of the years {@code firstYear..lastYear} (see {@link Disclosure}): every
     * breakdown at the three levels, on each basis.
     */
    Uni<Suppression> suppression(int firstYear, int lastYear) {
        LocalDate a = LocalDate.of(firstYear, 1, 1);
        LocalDate b = LocalDate.of(lastYear, 12, 1);
        List<StatsPeriod> levels = List.of(StatsPeriod.MONTH, StatsPeriod.QUARTER, StatsPeriod.YEAR);
        List<Uni<?>> loads = new ArrayList<>();
        for (StatsPeriod level : levels) {
            loads.add(queries.registration(DIMS, a, b, level));
            loads.add(queries.lending(DIMS, a, b, level));
            loads.add(queries.securitization(a, b, level));
        }
        long t0 = System.nanoTime();
        return Uni.combine().all().unis(loads).with(results -> {
            long t1 = System.nanoTime();
            java.util.Set<List<Object>> out = new java.util.HashSet<>();
            for (int year = firstYear; year <= lastYear; year++) {
                Map<Basis, Map<List<Object>, Disclosure.Cell>> cells = new HashMap<>();
                for (Basis basis : Basis.values()) {
                    cells.put(basis, new HashMap<>());
                }
                for (int i = 0; i < levels.size(); i++) {
                    StatsPeriod level = levels.get(i);
                    int y = year;
                    @SuppressWarnings("unchecked")
                    var reg = (Map<StatsQueries.Key, Figures.Registration>) results.get(3 * i);
                    @SuppressWarnings("unchecked")
                    var lend = (Map<StatsQueries.Key, Figures.Lending>) results.get(3 * i + 1);
                    @SuppressWarnings("unchecked")
                    var sec = (Map<LocalDate, Figures.Securitization>) results.get(3 * i + 2);
                    reg.forEach((k, f) -> {
                        if (k.period().getYear() == y && !f.isEmpty()) {
                            cells.get(Basis.REGISTRATION).put(List.of(level, k.period(), k.dim(), k.group()),
                                    new Disclosure.Cell(true, f.tooFewEnterprises(), f.contributors()));
                        }
                    });
                    lend.forEach((k, f) -> {
                        if (k.period().getYear() == y && !f.isEmpty()) {
                            cells.get(Basis.LENDING).put(List.of(level, k.period(), k.dim(), k.group()),
                                    new Disclosure.Cell(true, f.tooFewEnterprises(), f.contributors()));
                        }
                    });
                    sec.forEach((p, f) -> {
                        if (p.getYear() == y && !f.isEmpty()) {
                            cells.get(Basis.SECURITIZATION).put(List.of(level, p, "TOTAL", ""),
                                    new Disclosure.Cell(true, f.tooFewEnterprises(), f.contributors()));
                        }
                    });
                }
                for (Basis basis : Basis.values()) {
                    decide(basis, year, cells.get(basis), out);
                }
            }
            LOG.debugf("disclosure control for %d..%d: figures read in %d ms, lattices decided in %d ms", firstYear, lastYear,
                    (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            return new Suppression(out);
        });
    }

    private static void decide(Basis basis, int year, Map<List<Object>, Disclosure.Cell> cells, java.util.Set<List<Object>> out) {
        if (cells.values().stream().noneMatch(Disclosure.Cell::tooFew)) {
            return;
        }
        List<Disclosure.Column> columns = new ArrayList<>(List.of(Disclosure.Column.TOTAL));
        cells.keySet().stream().map(k -> new Disclosure.Column((String) k.get(2), (String) k.get(3)))
                .filter(c -> !c.dim().equals("TOTAL")).distinct()
                .sorted(java.util.Comparator.comparing(Disclosure.Column::dim).thenComparing(Disclosure.Column::group))
                .forEach(columns::add);
        Map<Disclosure.Column, Integer> index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
        Disclosure.Cell[][] grid = new Disclosure.Cell[Disclosure.PERIODS][columns.size()];
        cells.forEach((k, cell) -> {
            StatsPeriod level = (StatsPeriod) k.get(0);
            LocalDate start = (LocalDate) k.get(1);
            grid[Disclosure.period(level, start.getMonthValue() - 1)][index.get(new Disclosure.Column((String) k.get(2),
                    (String) k.get(3)))] = cell;
        });
        boolean[][] suppressed = Disclosure.protect(columns, grid, basis == Basis.LENDING);
        for (int p = 0; p < Disclosure.PERIODS; p++) {
            StatsPeriod level = p < 12 ? StatsPeriod.MONTH : p < Disclosure.YEAR ? StatsPeriod.QUARTER : StatsPeriod.YEAR;
            LocalDate start = p < 12 ? LocalDate.of(year, p + 1, 1) : p < Disclosure.YEAR ? LocalDate.of(year, (p - 12) * 3 + 1, 1)
                    : LocalDate.of(year, 1, 1);
            for (int c = 0; c < columns.size(); c++) {
                if (suppressed[p][c]) {
                    out.add(List.of(basis, level, start, columns.get(c).dim(), columns.get(c).group()));
                }
            }
        }
    }
}
