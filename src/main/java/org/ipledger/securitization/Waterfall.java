package org.ipledger.securitization;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One payment period's waterfall: a pure function of the period's inputs, no framework, no I/O.
 * <p>
 * Cash available = interest collections + principal collections of the pool in the period. It is paid,
 * each step taking at most what is left:
 * <ol>
 *   <li>fees: trustee fee, then servicing fee, each = accrual on the tranches' total opening balance
 *       plus that fee's arrears;</li>
 *   <li>tranche by tranche in seniority (rank 1 first, the subordinated tranche last): its interest
 *       (accrual on its opening balance at its coupon, plus its interest arrears), then its principal;</li>
 *   <li>the residual, everything left, to the subordinated tranche.</li>
 * </ol>
 * Principal paid to the tranches in total is at most the period's principal collections (the
 * principal distribution amount). SEQUENTIAL gives it to the most senior tranche with a balance until
 * that is repaid, then the next; PRO_RATA splits it over all tranches in proportion to their opening
 * balances, by the largest-remainder rule ({@link #proRata}). When cumulative defaults exceed the
 * trigger share of the original pool, principal is paid SEQUENTIAL whatever the product configures.
 * <p>
 * Unpaid interest and fees are carried as arrears. Accruals are rounded once, in {@link #accrual};
 * every payment is a min of fen amounts, so paid out + cash carried == collected exactly (checked).
 * Cash carried is always zero: the subordinated tranche takes the residual.
 */
public final class Waterfall {

    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    private static final BigDecimal DAYS_IN_YEAR = BigDecimal.valueOf(365);

    public enum PrincipalMode { SEQUENTIAL, PRO_RATA }

    /** A tranche as the period opens. Coupon is an annual fraction (0.035 is 3.5 %). */
    public record Tranche(String name, int rank, boolean subordinated, BigDecimal couponRate, BigDecimal balance,
                          BigDecimal arrears) {
    }

    public record Inputs(List<Tranche> tranches, BigDecimal interestCollected, BigDecimal principalCollected,
                         BigDecimal trusteeFeeRate, BigDecimal servicingFeeRate, BigDecimal trusteeFeeArrears,
                         BigDecimal servicingFeeArrears, long days, PrincipalMode mode, BigDecimal cumulativeDefaults,
                         BigDecimal originalPool, BigDecimal triggerShare) {
    }

    /** A fee: due = this period's accrual + opening arrears; arrears = what stays unpaid. */
    public record FeeLine(BigDecimal due, BigDecimal paid, BigDecimal arrears) {
    }

    public record TrancheLine(String name, int rank, boolean subordinated, BigDecimal openingBalance,
                              BigDecimal openingArrears, BigDecimal interestDue, BigDecimal interestPaid,
                              BigDecimal arrears, BigDecimal principalPaid, BigDecimal closingBalance,
                              BigDecimal residualPaid) {
    }

    public record Result(BigDecimal interestCollected, BigDecimal principalCollected, BigDecimal collected,
                         FeeLine trusteeFee, FeeLine servicingFee, List<TrancheLine> tranches, BigDecimal residual,
                         BigDecimal paidOut, BigDecimal cashCarried, boolean triggerBreached, PrincipalMode modeApplied) {
    }

    private Waterfall() {
    }

    /**
     * The one rounding of the waterfall: {@code base * annualRate * days / 365} (ACT/365), half-up to the fen.
     */
    public static BigDecimal accrual(BigDecimal base, BigDecimal annualRate, long days) {
        return base.multiply(annualRate).multiply(BigDecimal.valueOf(days))
                .divide(DAYS_IN_YEAR, 2, RoundingMode.HALF_UP);
    }

    /** Cumulative defaults above the trigger share of the original pool (strictly above). */
    public static boolean triggerBreached(BigDecimal cumulativeDefaults, BigDecimal originalPool, BigDecimal triggerShare) {
        return cumulativeDefaults.compareTo(originalPool.multiply(triggerShare)) > 0;
    }

    public static Result run(Inputs in) {
        List<Tranche> tranches = in.tranches().stream().sorted(Comparator.comparingInt(Tranche::rank)).toList();
        BigDecimal collected = in.interestCollected().add(in.principalCollected());
        BigDecimal available = collected;

        BigDecimal totalBalance = tranches.stream().map(Tranche::balance).reduce(ZERO, BigDecimal::add);
        boolean breached = triggerBreached(in.cumulativeDefaults(), in.originalPool(), in.triggerShare());
        PrincipalMode mode = breached ? PrincipalMode.SEQUENTIAL : in.mode();

        BigDecimal trusteeDue = accrual(totalBalance, in.trusteeFeeRate(), in.days()).add(in.trusteeFeeArrears());
        BigDecimal trusteePaid = trusteeDue.min(available);
        available = available.subtract(trusteePaid);
        BigDecimal servicingDue = accrual(totalBalance, in.servicingFeeRate(), in.days()).add(in.servicingFeeArrears());
        BigDecimal servicingPaid = servicingDue.min(available);
        available = available.subtract(servicingPaid);

        BigDecimal distributable = in.principalCollected().min(totalBalance);
        List<BigDecimal> proRata = mode == PrincipalMode.PRO_RATA
                ? proRata(distributable, tranches.stream().map(Tranche::balance).toList()) : null;
        BigDecimal sequentialLeft = distributable;

        List<TrancheLine> lines = new ArrayList<>();
        BigDecimal interestPaidTotal = ZERO;
        BigDecimal principalPaidTotal = ZERO;
        for (int i = 0; i < tranches.size(); i++) {
            Tranche t = tranches.get(i);
            BigDecimal interestDue = accrual(t.balance(), t.couponRate(), in.days()).add(t.arrears());
            BigDecimal interestPaid = interestDue.min(available);
            available = available.subtract(interestPaid);
            BigDecimal principalTarget = proRata != null ? proRata.get(i) : sequentialLeft.min(t.balance());
            BigDecimal principalPaid = principalTarget.min(available);
            available = available.subtract(principalPaid);
            if (proRata == null) {
                sequentialLeft = sequentialLeft.subtract(principalTarget);
            }
            interestPaidTotal = interestPaidTotal.add(interestPaid);
            principalPaidTotal = principalPaidTotal.add(principalPaid);
            lines.add(new TrancheLine(t.name(), t.rank(), t.subordinated(), t.balance(), t.arrears(), interestDue,
                    interestPaid, interestDue.subtract(interestPaid), principalPaid, t.balance().subtract(principalPaid),
                    ZERO));
        }
        BigDecimal residual = available;
        for (int i = 0; i < lines.size(); i++) {
            TrancheLine l = lines.get(i);
            if (l.subordinated()) {
                lines.set(i, new TrancheLine(l.name(), l.rank(), true, l.openingBalance(), l.openingArrears(),
                        l.interestDue(), l.interestPaid(), l.arrears(), l.principalPaid(), l.closingBalance(), residual));
            }
        }
        BigDecimal paidOut = trusteePaid.add(servicingPaid).add(interestPaidTotal).add(principalPaidTotal).add(residual);
        BigDecimal cashCarried = collected.subtract(paidOut);
        if (paidOut.add(cashCarried).compareTo(collected) != 0 || cashCarried.signum() != 0
                || lines.stream().noneMatch(TrancheLine::subordinated)) {
            throw new IllegalStateException("waterfall does not balance: collected " + collected + ", paid out " + paidOut);
        }
        return new Result(in.interestCollected(), in.principalCollected(), collected,
                new FeeLine(trusteeDue, trusteePaid, trusteeDue.subtract(trusteePaid)),
                new FeeLine(servicingDue, servicingPaid, servicingDue.subtract(servicingPaid)),
                List.copyOf(lines), residual, paidOut, cashCarried, breached, mode);
    }

    /**
     * Splits {@code amount} (fen) over {@code weights} in proportion, exactly: each share is first cut
     * down to the fen, then the fen left over go one each to the shares with the largest cut-off
     * remainders; equal remainders go to the earlier (more senior) share. The shares add up to
     * {@code amount}; none exceeds its weight when amount <= the sum of weights.
     */
    public static List<BigDecimal> proRata(BigDecimal amount, List<BigDecimal> weights) {
        BigDecimal total = weights.stream().reduce(ZERO, BigDecimal::add);
        List<BigDecimal> shares = new ArrayList<>();
        if (total.signum() == 0) {
            weights.forEach(w -> shares.add(ZERO));
            return shares;
        }
        List<BigDecimal> remainders = new ArrayList<>();
        BigDecimal allotted = ZERO;
        for (BigDecimal w : weights) {
            BigDecimal exact = amount.multiply(w).divide(total, 20, RoundingMode.DOWN);
            BigDecimal floor = exact.setScale(2, RoundingMode.DOWN);
            shares.add(floor);
            remainders.add(exact.subtract(floor));
            allotted = allotted.add(floor);
        }
        long fenLeft = amount.subtract(allotted).movePointRight(2).longValueExact();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < weights.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> remainders.get(i)).reversed().thenComparing(i -> i));
        BigDecimal fen = new BigDecimal("0.01");
        for (int k = 0; k < fenLeft; k++) {
            int i = order.get(k % order.size());
            shares.set(i, shares.get(i).add(fen));
        }
        return shares;
    }
}
