package org.ipledger.securitization;

import org.ipledger.securitization.Waterfall.PrincipalMode;
import org.ipledger.securitization.Waterfall.Result;
import org.ipledger.securitization.Waterfall.Tranche;
import org.ipledger.securitization.Waterfall.TrancheLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loss allocation worked by hand. Tranches A (rank 1, 3.5 %), B (rank 2, 5 %), C (rank 3, subordinated,
 * no coupon); trustee fee 0.1 %, servicing fee 0.2 % a year; ACT/365; original pool 1,000,000.00;
 * trigger 5 %; SEQUENTIAL.
 * <p>
 * The rule: after fees, interest and scheduled principal, the principal deficiency is what the tranches'
 * balances exceed the pool's performing balance at the period end by. Cash left pays it as principal,
 * most senior first; the rest is written down from the most junior tranche up. A performing balance above
 * the tranches' balances (a recovery) writes earlier write-downs back, most senior first.
 */
class LossAllocationTest {

    private static BigDecimal m(String s) {
        return new BigDecimal(s);
    }

    private static Result run(List<Tranche> tranches, String interest, String principal, long days, String defaults,
                              String performing) {
        return Waterfall.run(new Waterfall.Inputs(tranches, m(interest), m(principal), m("0.001"), m("0.002"), m("0.00"),
                m("0.00"), days, PrincipalMode.SEQUENTIAL, m(defaults), m("1000000.00"), m("0.05"), m(performing)));
    }

    /** Row: opening, interest paid, principal paid (of which for losses), written down, written back, cumulative, closing. */
    private static void row(TrancheLine l, String opening, String interestPaid, String principalPaid, String forLosses,
                            String down, String back, String cumulative, String closing) {
        assertEquals(m(opening), l.openingBalance(), l.name() + " opening");
        assertEquals(m(interestPaid), l.interestPaid(), l.name() + " interest paid");
        assertEquals(m(principalPaid), l.principalPaid(), l.name() + " principal paid");
        assertEquals(m(forLosses), l.principalForLosses(), l.name() + " principal for losses");
        assertEquals(m(down), l.writtenDown(), l.name() + " written down");
        assertEquals(m(back), l.writtenBack(), l.name() + " written back");
        assertEquals(m(cumulative), l.cumulativeWrittenDown(), l.name() + " cumulative written down");
        assertEquals(m(closing), l.closingBalance(), l.name() + " closing");
        assertTrue(l.closingBalance().signum() >= 0, l.name() + " never negative");
    }

    private static void cashBalances(Result r) {
        BigDecimal lines = r.trusteeFee().paid().add(r.servicingFee().paid()).add(r.residual());
        for (TrancheLine l : r.tranches()) {
            lines = lines.add(l.interestPaid()).add(l.principalPaid());
        }
        assertEquals(r.collected(), r.paidOut().add(r.cashCarried()));
        assertEquals(r.paidOut(), lines);
    }

    @Test
    void aDefaultTheCollectionsCannotCoverIsWrittenOffTheMostJuniorTranchesFirst() {
        // Period of 30 days. The pool of 1,000,000.00 repays 20,000.00 principal and 4,000.00 interest; a loan of
        // 150,000.00 defaults. Performing balance at the end: 1,000,000.00 - 20,000.00 - 150,000.00 = 830,000.00.
        //
        //   collected 24,000.00
        //   fees 82.19 + 164.38 = 246.57                                  left 23,753.43
        //   A interest 1,726.03                                           left 22,027.40
        //   A principal (principal collected, sequential) 20,000.00       left  2,027.40
        //   B interest 1,232.88                                           left    794.52
        //   tranches now 580,000.00 + 300,000.00 + 100,000.00 = 980,000.00; performing 830,000.00
        //   principal deficiency 150,000.00: cash left 794.52 paid to A, 149,205.48 written down:
        //   C 100,000.00 (to zero), then B 49,205.48
        //
        //   tranche  opening     int paid  principal (for losses)  written down  cumulative  closing
        //   A        600,000.00  1,726.03  20,794.52 (794.52)               0.00        0.00  579,205.48
        //   B        300,000.00  1,232.88       0.00   (0.00)          49,205.48   49,205.48  250,794.52
        //   C        100,000.00      0.00       0.00   (0.00)         100,000.00  100,000.00        0.00
        //   closing total 830,000.00 = performing balance; residual 0.00; paid out 24,000.00
        Result r = run(abc("600000.00", "300000.00", "100000.00", "0.00", "0.00", "0.00"), "4000.00", "20000.00", 30,
                "150000.00", "830000.00");
        assertTrue(r.triggerBreached());
        row(r.tranches().get(0), "600000.00", "1726.03", "20794.52", "794.52", "0.00", "0.00", "0.00", "579205.48");
        row(r.tranches().get(1), "300000.00", "1232.88", "0.00", "0.00", "49205.48", "0.00", "49205.48", "250794.52");
        row(r.tranches().get(2), "100000.00", "0.00", "0.00", "0.00", "100000.00", "0.00", "100000.00", "0.00");
        assertEquals(m("150000.00"), r.losses().principalDeficiency());
        assertEquals(m("794.52"), r.losses().coveredByCash());
        assertEquals(m("149205.48"), r.losses().writtenDown());
        assertEquals(m("0.00"), r.residual());
        assertEquals(m("24000.00"), r.paidOut());
        cashBalances(r);
    }

    @Test
    void aRecoveryOnTheDefaultedLoanWritesBackTheMostSeniorWriteDownFirst() {
        // The next period, 31 days, from the closing state above. The defaulted loan pays 60,000.00 (a recovery;
        // it stays out of the performing balance), the performing loans 10,000.00 principal and 3,000.00 interest.
        // Performing balance at the end: 830,000.00 - 10,000.00 = 820,000.00.
        //
        //   collected 73,000.00
        //   fees on 830,000.00: 70.49 + 140.99 = 211.48                   left 72,788.52
        //   A interest 579,205.48 x 0.035 x 31/365 = 1,721.75             left 71,066.77
        //   A principal 70,000.00                                         left  1,066.77
        //   B interest 250,794.52 x 0.05 x 31/365 = 1,065.02              left      1.75 -> residual to C
        //   tranches now 509,205.48 + 250,794.52 + 0.00 = 760,000.00; performing 820,000.00: surplus 60,000.00
        //   written back, most senior write-down first: B 49,205.48 (all of it), C 10,794.52
        //
        //   tranche  opening     int paid  principal  written back  cumulative  closing
        //   A        579,205.48  1,721.75  70,000.00          0.00        0.00  509,205.48
        //   B        250,794.52  1,065.02       0.00     49,205.48        0.00  300,000.00
        //   C              0.00      0.00       0.00     10,794.52   89,205.48   10,794.52
        Result r = run(abc("579205.48", "250794.52", "0.00", "0.00", "49205.48", "100000.00"), "3000.00", "70000.00", 31,
                "150000.00", "820000.00");
        assertEquals(m("70.49"), r.trusteeFee().paid());
        assertEquals(m("140.99"), r.servicingFee().paid());
        row(r.tranches().get(0), "579205.48", "1721.75", "70000.00", "0.00", "0.00", "0.00", "0.00", "509205.48");
        row(r.tranches().get(1), "250794.52", "1065.02", "0.00", "0.00", "0.00", "49205.48", "0.00", "300000.00");
        row(r.tranches().get(2), "0.00", "0.00", "0.00", "0.00", "0.00", "10794.52", "89205.48", "10794.52");
        assertEquals(m("60000.00"), r.losses().writtenBack());
        assertEquals(m("1.75"), r.residual());
        assertEquals(m("1.75"), r.tranches().get(2).residualPaid());
        cashBalances(r);
    }

    @Test
    void excessSpreadCoversASmallLossBeforeAnyResidualAndNothingIsWrittenDown() {
        // 30 days, 10,000.00 interest, no principal, a 5,000.00 default: performing 995,000.00.
        // fees 246.57, A 1,726.03, B 1,232.88 -> 6,794.52 left; deficiency 5,000.00 all paid to A; residual 1,794.52.
        Result r = run(abc("600000.00", "300000.00", "100000.00", "0.00", "0.00", "0.00"), "10000.00", "0.00", 30,
                "5000.00", "995000.00");
        row(r.tranches().get(0), "600000.00", "1726.03", "5000.00", "5000.00", "0.00", "0.00", "0.00", "595000.00");
        row(r.tranches().get(2), "100000.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "100000.00");
        assertEquals(m("0.00"), r.losses().writtenDown());
        assertEquals(m("1794.52"), r.residual());
        cashBalances(r);
    }

    @Test
    void principalCashUsedForInterestIsADeficiencyTooAndAWholePoolLossStopsAtZero() {
        // A pool of receivables pays principal only: 1,000.00 collected, all principal, on tranches of 600,000.00,
        // 300,000.00 and 100,000.00. Fees 246.57 and A interest 753.43 (of 1,726.03) take all of it: no principal
        // is paid, the pool fell by 1,000.00, so 1,000.00 is written off C.
        Result r = run(abc("600000.00", "300000.00", "100000.00", "0.00", "0.00", "0.00"), "0.00", "1000.00", 30,
                "0.00", "999000.00");
        row(r.tranches().get(0), "600000.00", "753.43", "0.00", "0.00", "0.00", "0.00", "0.00", "600000.00");
        row(r.tranches().get(2), "100000.00", "0.00", "0.00", "0.00", "1000.00", "0.00", "1000.00", "99000.00");
        assertEquals(m("972.60"), r.tranches().get(0).arrears());
        cashBalances(r);

        // Nothing performs any more: every balance is written to zero, none below.
        Result all = run(abc("600000.00", "300000.00", "100000.00", "0.00", "0.00", "0.00"), "0.00", "0.00", 30,
                "1000000.00", "0.00");
        row(all.tranches().get(0), "600000.00", "0.00", "0.00", "0.00", "600000.00", "0.00", "600000.00", "0.00");
        row(all.tranches().get(1), "300000.00", "0.00", "0.00", "0.00", "300000.00", "0.00", "300000.00", "0.00");
        row(all.tranches().get(2), "100000.00", "0.00", "0.00", "0.00", "100000.00", "0.00", "100000.00", "0.00");
        cashBalances(all);
    }

    private static List<Tranche> abc(String a, String b, String c, String aDown, String bDown, String cDown) {
        return List.of(new Tranche("A", 1, false, m("0.035"), m(a), m("0.00"), m(aDown)),
                new Tranche("B", 2, false, m("0.05"), m(b), m("0.00"), m(bDown)),
                new Tranche("C", 3, true, m("0"), m(c), m("0.00"), m(cDown)));
    }
}
