package org.ipledger.securitization;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the waterfall forward under assumed annual default and prepayment rates: pure, no framework.
 * <p>
 * Each projected period, for each performing loan: first a share of its balance defaults
 * (1 - (1 - annual default rate)^(months/12)), lost with no recovery and added to cumulative
 * defaults; then a share of what survives prepays (the same conversion of the annual prepayment
 * rate); it pays interest on the surviving balance at its own rate, ACT/365; at its maturity it pays
 * off what remains. Amounts are rounded down to the fen per loan ({@link #fen}); the waterfall then
 * pays these collections exactly as a recorded period would, including the trigger and the loss
 * allocation against the surviving pool balance. A tranche counts as repaid only when its balance
 * reaches zero with no net write-down; {@code writtenDown} shows what it lost.
 */
public final class Projection {

    private static final MathContext MC = MathContext.DECIMAL64;

    /** A performing loan of the pool as the projection starts. */
    public record PoolLoan(BigDecimal balance, BigDecimal annualRate, LocalDate maturity) {
    }

    public record Assumptions(BigDecimal annualDefaultRate, BigDecimal annualPrepaymentRate, int periods) {
    }

    public record PeriodLine(int periodNumber, LocalDate periodEnd, BigDecimal poolBalance, BigDecimal defaulted,
                             BigDecimal interestCollected, BigDecimal principalCollected, boolean triggerBreached,
                             List<BigDecimal> closingBalances, BigDecimal writtenDown, BigDecimal residual) {
    }

    public record TrancheOutcome(String name, int rank, BigDecimal openingBalance, Integer repaidInPeriod,
                                 LocalDate repaidOn, BigDecimal closingBalance, BigDecimal writtenDown) {
    }

    public record Result(List<TrancheOutcome> tranches, List<PeriodLine> periods) {
    }

    /** The start state of the product beyond the pool: tranche states, fees, schedule and trigger. */
    public record Start(List<Waterfall.Tranche> tranches, BigDecimal trusteeFeeRate, BigDecimal servicingFeeRate,
                        BigDecimal trusteeFeeArrears, BigDecimal servicingFeeArrears, Waterfall.PrincipalMode mode,
                        BigDecimal cumulativeDefaults, BigDecimal originalPool, BigDecimal triggerShare,
                        int firstPeriodNumber, LocalDate firstPeriodStart, int monthsPerPeriod) {
    }

    private Projection() {
    }

    /** The projection's one rounding: down to the fen, so it never collects a fen the pool did not hold. */
    static BigDecimal fen(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.DOWN);
    }

    /** The share of a balance an annual rate takes over {@code months}: 1 - (1 - rate)^(months/12). */
    static BigDecimal periodShare(BigDecimal annualRate, int months) {
        double share = 1 - Math.pow(1 - annualRate.doubleValue(), months / 12.0);
        return new BigDecimal(share, MC);
    }

    public static Result run(Start start, List<PoolLoan> pool, Assumptions a) {
        List<BigDecimal> balances = new ArrayList<>(pool.stream().map(PoolLoan::balance).toList());
        List<Waterfall.Tranche> tranches = start.tranches();
        BigDecimal trusteeArrears = start.trusteeFeeArrears();
        BigDecimal servicingArrears = start.servicingFeeArrears();
        BigDecimal cumulative = start.cumulativeDefaults();
        BigDecimal defaultShare = periodShare(a.annualDefaultRate(), start.monthsPerPeriod());
        BigDecimal prepayShare = periodShare(a.annualPrepaymentRate(), start.monthsPerPeriod());
        Integer[] repaidIn = new Integer[tranches.size()];
        LocalDate[] repaidOn = new LocalDate[tranches.size()];
        List<PeriodLine> lines = new ArrayList<>();
        LocalDate periodStart = start.firstPeriodStart();
        for (int k = 0; k < a.periods(); k++) {
            int number = start.firstPeriodNumber() + k;
            LocalDate periodEnd = start.firstPeriodStart().plusMonths((long) start.monthsPerPeriod() * (k + 1));
            long days = ChronoUnit.DAYS.between(periodStart, periodEnd);
            BigDecimal defaulted = Waterfall.ZERO;
            BigDecimal interest = Waterfall.ZERO;
            BigDecimal principal = Waterfall.ZERO;
            for (int i = 0; i < pool.size(); i++) {
                BigDecimal b = balances.get(i);
                if (b.signum() == 0) {
                    continue;
                }
                BigDecimal d = fen(b.multiply(defaultShare, MC));
                BigDecimal surviving = b.subtract(d);
                BigDecimal p = pool.get(i).maturity().isAfter(periodEnd) ? fen(surviving.multiply(prepayShare, MC)) : surviving;
                interest = interest.add(Waterfall.accrual(surviving, pool.get(i).annualRate(), days));
                defaulted = defaulted.add(d);
                principal = principal.add(p);
                balances.set(i, surviving.subtract(p));
            }
            cumulative = cumulative.add(defaulted);
            BigDecimal performing = balances.stream().reduce(Waterfall.ZERO, BigDecimal::add);
            Waterfall.Result r = Waterfall.run(new Waterfall.Inputs(tranches, interest, principal, start.trusteeFeeRate(),
                    start.servicingFeeRate(), trusteeArrears, servicingArrears, days, start.mode(), cumulative,
                    start.originalPool(), start.triggerShare(), performing));
            List<Waterfall.Tranche> next = new ArrayList<>();
            List<BigDecimal> closing = new ArrayList<>();
            for (int i = 0; i < tranches.size(); i++) {
                Waterfall.Tranche t = tranches.get(i);
                Waterfall.TrancheLine l = r.tranches().get(i);
                next.add(new Waterfall.Tranche(t.name(), t.rank(), t.subordinated(), t.couponRate(), l.closingBalance(),
                        l.arrears(), l.cumulativeWrittenDown()));
                closing.add(l.closingBalance());
                if (repaidIn[i] == null && l.closingBalance().signum() == 0 && t.balance().signum() > 0
                        && l.cumulativeWrittenDown().signum() == 0) {
                    repaidIn[i] = number;
                    repaidOn[i] = periodEnd;
                }
            }
            tranches = next;
            trusteeArrears = r.trusteeFee().arrears();
            servicingArrears = r.servicingFee().arrears();
            lines.add(new PeriodLine(number, periodEnd, performing, defaulted, interest, principal, r.triggerBreached(),
                    closing, r.losses().writtenDown(), r.residual()));
            periodStart = periodEnd;
        }
        List<TrancheOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < tranches.size(); i++) {
            Waterfall.Tranche opening = start.tranches().get(i);
            outcomes.add(new TrancheOutcome(opening.name(), opening.rank(), opening.balance(),
                    opening.balance().signum() == 0 && opening.writtenDown().signum() == 0 ? Integer.valueOf(start.firstPeriodNumber() - 1) : repaidIn[i],
                    repaidOn[i], tranches.get(i).balance(), tranches.get(i).writtenDown().subtract(opening.writtenDown())));
        }
        return new Result(outcomes, lines);
    }
}
