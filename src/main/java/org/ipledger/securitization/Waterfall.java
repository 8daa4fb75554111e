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
 * <p>
 * Losses, when the pool's performing balance at the period end is given ({@link Inputs#performingPool}):
 * after the steps above, the principal deficiency is what the tranches' balances exceed that performing
 * balance by. Cash still left pays principal toward it, most senior tranche first (excess spread covers
 * losses before any residual); what stays uncovered is written down from the most junior tranche up,
 * each by at most its balance. When the performing balance exceeds the tranches' balances instead (a
 * recovery on a defaulted asset, paid through as principal), the surplus writes back earlier write-downs,
 * most senior tranche first, each up to its net write-down. No balance goes negative; after a
 * write-down the tranches' total equals the performing balance, and never exceeds it.
 */
public final class Waterfall {

    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    private static final BigDecimal DAYS_IN_YEAR = BigDecimal.valueOf(365);

    public enum PrincipalMode { SEQUENTIAL, PRO_RATA }

    /** A tranche as the period opens. Coupon is an annual fraction (0.035 is 3.5 %). */
    public record Tranche(String name, int rank, boolean subordinated, BigDecimal couponRate, BigDecimal balance,
                          BigDecimal arrears, BigDecimal writtenDown) {

        /** A tranche with no write-down. */
        public Tranche(String name, int rank, boolean subordinated, BigDecimal couponRate, BigDecimal balance,
                       BigDecimal arrears) {
            this(name, rank, subordinated, couponRate, balance, arrears, ZERO);
        }
    }

    /** {@code performingPool} null: no loss allocation (the pool's losses are not known). */
    public record Inputs(List<Tranche> tranches, BigDecimal interestCollected, BigDecimal principalCollected,
                         BigDecimal trusteeFeeRate, BigDecimal servicingFeeRate, BigDecimal trusteeFeeArrears,
                         BigDecimal servicingFeeArrears, long days, PrincipalMode mode, BigDecimal cumulativeDefaults,
                         BigDecimal originalPool, BigDecimal triggerShare, BigDecimal performingPool) {

        public Inputs(List<Tranche> tranches, BigDecimal interestCollected, BigDecimal principalCollected,
                      BigDecimal trusteeFeeRate, BigDecimal servicingFeeRate, BigDecimal trusteeFeeArrears,
                      BigDecimal servicingFeeArrears, long days, PrincipalMode mode, BigDecimal cumulativeDefaults,
                      BigDecimal originalPool, BigDecimal triggerShare) {
            this(tranches, interestCollected, principalCollected, trusteeFeeRate, servicingFeeRate, trusteeFeeArrears,
                    servicingFeeArrears, days, mode, cumulativeDefaults, originalPool, triggerShare, null);
        }
    }

    /** A fee: due = this period's accrual + opening arrears; arrears = what stays unpaid. */
    public record FeeLine(BigDecimal due, BigDecimal paid, BigDecimal arrears) {
    }

    /**
     * closingBalance = openingBalance - principalPaid - writtenDown + writtenBack. principalForLosses is
     * the part of principalPaid paid from cash left after interest toward the principal deficiency;
     * cumulativeWrittenDown is the net write-down after this period.
     */
    public record TrancheLine(String name, int rank, boolean subordinated, BigDecimal openingBalance,
                              BigDecimal openingArrears, BigDecimal interestDue, BigDecimal interestPaid,
                              BigDecimal arrears, BigDecimal principalPaid, BigDecimal principalForLosses,
                              BigDecimal writtenDown, BigDecimal writtenBack, BigDecimal cumulativeWrittenDown,
                              BigDecimal closingBalance, BigDecimal residualPaid) {
    }

    /** Losses of the period: null fields when no performing balance was given. */
    public record Losses(BigDecimal performingPool, BigDecimal principalDeficiency, BigDecimal coveredByCash,
                         BigDecimal writtenDown, BigDecimal writtenBack) {
    }

    public record Result(BigDecimal interestCollected, BigDecimal principalCollected, BigDecimal collected,
                         FeeLine trusteeFee, FeeLine servicingFee, List<TrancheLine> tranches, BigDecimal residual,
                         BigDecimal paidOut, BigDecimal cashCarried, boolean triggerBreached, PrincipalMode modeApplied,
                         Losses losses) {
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

        int n = tranches.size();
        BigDecimal[] interestDue = new BigDecimal[n];
        BigDecimal[] interestPaid = new BigDecimal[n];
        BigDecimal[] principalPaid = new BigDecimal[n];
        BigDecimal[] forLosses = new BigDecimal[n];
        BigDecimal[] down = new BigDecimal[n];
        BigDecimal[] back = new BigDecimal[n];
        BigDecimal interestPaidTotal = ZERO;
        BigDecimal principalPaidTotal = ZERO;
        for (int i = 0; i < n; i++) {
            Tranche t = tranches.get(i);
            interestDue[i] = accrual(t.balance(), t.couponRate(), in.days()).add(t.arrears());
            interestPaid[i] = interestDue[i].min(available);
            available = available.subtract(interestPaid[i]);
            BigDecimal principalTarget = proRata != null ? proRata.get(i) : sequentialLeft.min(t.balance());
            principalPaid[i] = principalTarget.min(available);
            available = available.subtract(principalPaid[i]);
            if (proRata == null) {
                sequentialLeft = sequentialLeft.subtract(principalTarget);
            }
            forLosses[i] = ZERO;
            down[i] = ZERO;
            back[i] = ZERO;
            interestPaidTotal = interestPaidTotal.add(interestPaid[i]);
        }
        Losses losses = null;
        if (in.performingPool() != null) {
            BigDecimal after = ZERO;
            for (int i = 0; i < n; i++) {
                after = after.add(tranches.get(i).balance().subtract(principalPaid[i]));
            }
            BigDecimal deficiency = after.subtract(in.performingPool());
            BigDecimal covered = ZERO;
            BigDecimal writtenDown = ZERO;
            BigDecimal writtenBack = ZERO;
            if (deficiency.signum() > 0) {
                // Cash left covers the deficiency as principal, senior first; the rest is written down, junior first.
                covered = deficiency.min(available);
                available = available.subtract(covered);
                BigDecimal toPay = covered;
                for (int i = 0; i < n && toPay.signum() > 0; i++) {
                    BigDecimal pay = toPay.min(tranches.get(i).balance().subtract(principalPaid[i]));
                    forLosses[i] = pay;
                    principalPaid[i] = principalPaid[i].add(pay);
                    toPay = toPay.subtract(pay);
                }
                BigDecimal toWrite = deficiency.subtract(covered);
                for (int i = n - 1; i >= 0 && toWrite.signum() > 0; i--) {
                    down[i] = toWrite.min(tranches.get(i).balance().subtract(principalPaid[i]));
                    toWrite = toWrite.subtract(down[i]);
                    writtenDown = writtenDown.add(down[i]);
                }
                if (toWrite.signum() != 0) {
                    throw new IllegalStateException("a principal deficiency of " + deficiency + " exceeds the tranches");
                }
            } else if (deficiency.signum() < 0) {
                BigDecimal surplus = deficiency.negate();
                for (int i = 0; i < n && surplus.signum() > 0; i++) {
                    back[i] = surplus.min(tranches.get(i).writtenDown());
                    surplus = surplus.subtract(back[i]);
                    writtenBack = writtenBack.add(back[i]);
                }
            }
            losses = new Losses(in.performingPool(), deficiency.max(ZERO), covered, writtenDown, writtenBack);
        }
        List<TrancheLine> lines = new ArrayList<>();
        BigDecimal closingTotal = ZERO;
        for (int i = 0; i < n; i++) {
            Tranche t = tranches.get(i);
            principalPaidTotal = principalPaidTotal.add(principalPaid[i]);
            BigDecimal closing = t.balance().subtract(principalPaid[i]).subtract(down[i]).add(back[i]);
            BigDecimal cumulative = t.writtenDown().add(down[i]).subtract(back[i]);
            if (closing.signum() < 0 || cumulative.signum() < 0) {
                throw new IllegalStateException("tranche " + t.name() + " would close at " + closing);
            }
            closingTotal = closingTotal.add(closing);
            lines.add(new TrancheLine(t.name(), t.rank(), t.subordinated(), t.balance(), t.arrears(), interestDue[i],
                    interestPaid[i], interestDue[i].subtract(interestPaid[i]), principalPaid[i], forLosses[i], down[i],
                    back[i], cumulative, closing, t.subordinated() ? available : ZERO));
        }
        if (losses != null && losses.writtenDown().add(losses.writtenBack()).signum() > 0
                && closingTotal.compareTo(in.performingPool()) > 0) {
            throw new IllegalStateException("after loss allocation the tranches (" + closingTotal
                    + ") exceed the performing pool (" + in.performingPool() + ")");
        }
        BigDecimal residual = available;
        BigDecimal paidOut = trusteePaid.add(servicingPaid).add(interestPaidTotal).add(principalPaidTotal).add(residual);
        BigDecimal cashCarried = collected.subtract(paidOut);
        if (paidOut.add(cashCarried).compareTo(collected) != 0 || cashCarried.signum() != 0
                || lines.stream().noneMatch(TrancheLine::subordinated)) {
            throw new IllegalStateException("waterfall does not balance: collected " + collected + ", paid out " + paidOut);
        }
        return new Result(in.interestCollected(), in.principalCollected(), collected,
                new FeeLine(trusteeDue, trusteePaid, trusteeDue.subtract(trusteePaid)),
                new FeeLine(servicingDue, servicingPaid, servicingDue.subtract(servicingPaid)),
                List.copyOf(lines), residual, paidOut, cashCarried, breached, mode, losses);
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
