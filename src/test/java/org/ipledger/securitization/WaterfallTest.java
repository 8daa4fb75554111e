package org.ipledger.securitization;

import org.ipledger.securitization.Waterfall.PrincipalMode;
import org.ipledger.securitization.Waterfall.Result;
import org.ipledger.securitization.Waterfall.Tranche;
import org.ipledger.securitization.Waterfall.TrancheLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The waterfall against periods worked by hand. Unless a test says otherwise: tranches A (rank 1,
 * 600,000.00 at 3.5 %), B (rank 2, 300,000.00 at 5 %) and C (rank 3, subordinated, 100,000.00, no
 * coupon); trustee fee 0.1 %, servicing fee 0.2 % a year on the tranches' total balance; ACT/365;
 * original pool 1,000,000.00; trigger 5 %.
 * <pre>
 * 30 days: trustee fee   1,000,000.00 x 0.001 x 30/365 =    82.1917.. ->    82.19
 *          servicing fee 1,000,000.00 x 0.002 x 30/365 =   164.3835.. ->   164.38
 *          A interest      600,000.00 x 0.035 x 30/365 = 1,726.0273.. -> 1,726.03
 *          B interest      300,000.00 x 0.05  x 30/365 = 1,232.8767.. -> 1,232.88
 * 31 days: trustee 84.9315.. -> 84.93, servicing 169.8630.. -> 169.86,
 *          A 1,783.5616.. -> 1,783.56, B 1,273.9726.. -> 1,273.97
 * </pre>
 */
class WaterfallTest {

    private static BigDecimal m(String s) {
        return new BigDecimal(s);
    }

    private static List<Tranche> abc(String aArrears, String bArrears) {
        return List.of(new Tranche("A", 1, false, m("0.035"), m("600000.00"), m(aArrears)),
                new Tranche("B", 2, false, m("0.05"), m("300000.00"), m(bArrears)),
                new Tranche("C", 3, true, m("0"), m("100000.00"), m("0.00")));
    }

    private static Result run(List<Tranche> tranches, String interest, String principal, long days, PrincipalMode mode,
                              String defaults) {
        return Waterfall.run(new Waterfall.Inputs(tranches, m(interest), m(principal), m("0.001"), m("0.002"), m("0.00"),
                m("0.00"), days, mode, m(defaults), m("1000000.00"), m("0.05")));
    }

    /** Row: opening, interest due, interest paid, arrears, principal paid, closing, residual. */
    private static void row(TrancheLine l, String opening, String due, String paid, String arrears, String principal,
                            String closing, String residual) {
        assertEquals(m(opening), l.openingBalance(), l.name() + " opening");
        assertEquals(m(due), l.interestDue(), l.name() + " interest due");
        assertEquals(m(paid), l.interestPaid(), l.name() + " interest paid");
        assertEquals(m(arrears), l.arrears(), l.name() + " arrears");
        assertEquals(m(principal), l.principalPaid(), l.name() + " principal paid");
        assertEquals(m(closing), l.closingBalance(), l.name() + " closing");
        assertEquals(m(residual), l.residualPaid(), l.name() + " residual");
    }

    /** paid out + cash carried == collected, and paid out is the sum of its lines. */
    private static void balances(Result r) {
        BigDecimal lines = r.trusteeFee().paid().add(r.servicingFee().paid()).add(r.residual());
        for (TrancheLine l : r.tranches()) {
            lines = lines.add(l.interestPaid()).add(l.principalPaid());
        }
        assertEquals(r.collected(), r.paidOut().add(r.cashCarried()));
        assertEquals(r.paidOut(), lines);
        assertEquals(m("0.00"), r.cashCarried());
    }

    @Test
    void sequentialPeriodPaysFeesThenSeniorInterestThenSeniorPrincipalThenJuniorInterestAndTheResidualToTheSubordinated() {
        // collected 5,000.00 interest + 50,000.00 principal = 55,000.00
        // fees 82.19 + 164.38; A 1,726.03 + 50,000.00; B 1,232.88 + 0; C residual 55,000.00 - 53,205.48 = 1,794.52
        Result r = run(abc("0.00", "0.00"), "5000.00", "50000.00", 30, PrincipalMode.SEQUENTIAL, "0.00");
        assertEquals(m("82.19"), r.trusteeFee().paid());
        assertEquals(m("164.38"), r.servicingFee().paid());
        row(r.tranches().get(0), "600000.00", "1726.03", "1726.03", "0.00", "50000.00", "550000.00", "0.00");
        row(r.tranches().get(1), "300000.00", "1232.88", "1232.88", "0.00", "0.00", "300000.00", "0.00");
        row(r.tranches().get(2), "100000.00", "0.00", "0.00", "0.00", "0.00", "100000.00", "1794.52");
        assertEquals(m("1794.52"), r.residual());
        assertEquals(m("55000.00"), r.paidOut());
        balances(r);
    }

    @Test
    void anInterestShortfallIsCarriedAsArrearsAndPaidFirstNextPeriod() {
        // Period 1, 30 days, collected 1,500.00 interest only:
        //   fees 246.57 -> 1,253.43 left; A due 1,726.03 paid 1,253.43 arrears 472.60; B due 1,232.88 paid 0 arrears 1,232.88
        Result first = run(abc("0.00", "0.00"), "1500.00", "0.00", 30, PrincipalMode.SEQUENTIAL, "0.00");
        row(first.tranches().get(0), "600000.00", "1726.03", "1253.43", "472.60", "0.00", "600000.00", "0.00");
        row(first.tranches().get(1), "300000.00", "1232.88", "0.00", "1232.88", "0.00", "300000.00", "0.00");
        row(first.tranches().get(2), "100000.00", "0.00", "0.00", "0.00", "0.00", "100000.00", "0.00");
        balances(first);

        // Period 2, 31 days, collected 6,000.00 interest:
        //   fees 84.93 + 169.86 = 254.79; A due 1,783.56 + 472.60 = 2,256.16; B due 1,273.97 + 1,232.88 = 2,506.85
        //   residual 6,000.00 - 254.79 - 2,256.16 - 2,506.85 = 982.20
        Result second = run(abc("472.60", "1232.88"), "6000.00", "0.00", 31, PrincipalMode.SEQUENTIAL, "0.00");
        assertEquals(m("84.93"), second.trusteeFee().paid());
        assertEquals(m("169.86"), second.servicingFee().paid());
        row(second.tranches().get(0), "600000.00", "2256.16", "2256.16", "0.00", "0.00", "600000.00", "0.00");
        row(second.tranches().get(1), "300000.00", "2506.85", "2506.85", "0.00", "0.00", "300000.00", "0.00");
        row(second.tranches().get(2), "100000.00", "0.00", "0.00", "0.00", "0.00", "100000.00", "982.20");
        balances(second);
    }

    @Test
    void unpaidFeesAreCarriedAsFeeArrears() {
        // collected 100.00: trustee fee 82.19 paid, servicing 164.38 due, 17.81 paid, 146.57 carried
        Result r = run(abc("0.00", "0.00"), "100.00", "0.00", 30, PrincipalMode.SEQUENTIAL, "0.00");
        assertEquals(m("0.00"), r.trusteeFee().arrears());
        assertEquals(m("17.81"), r.servicingFee().paid());
        assertEquals(m("146.57"), r.servicingFee().arrears());
        row(r.tranches().get(0), "600000.00", "1726.03", "0.00", "1726.03", "0.00", "600000.00", "0.00");
        balances(r);
    }

    @Test
    void proRataSplitsPrincipalByOpeningBalanceWhileDefaultsStayAtTheTrigger() {
        // defaults 50,000.00 = 5 % of 1,000,000.00: not above the trigger, PRO_RATA holds.
        // principal 30,000.00 -> A 18,000.00, B 9,000.00, C 3,000.00; interest 10,000.00
        // paid 246.57 + 1,726.03 + 18,000.00 + 1,232.88 + 9,000.00 + 3,000.00 = 33,205.48; residual 6,794.52
        Result r = run(abc("0.00", "0.00"), "10000.00", "30000.00", 30, PrincipalMode.PRO_RATA, "50000.00");
        assertFalse(r.triggerBreached());
        assertEquals(PrincipalMode.PRO_RATA, r.modeApplied());
        row(r.tranches().get(0), "600000.00", "1726.03", "1726.03", "0.00", "18000.00", "582000.00", "0.00");
        row(r.tranches().get(1), "300000.00", "1232.88", "1232.88", "0.00", "9000.00", "291000.00", "0.00");
        row(r.tranches().get(2), "100000.00", "0.00", "0.00", "0.00", "3000.00", "97000.00", "6794.52");
        balances(r);
    }

    @Test
    void cumulativeDefaultsAboveTheTriggerFlipAProRataProductToSequential() {
        // defaults 50,000.01 > 5 % of the original pool: all 30,000.00 of principal to A.
        // paid 246.57 + 1,726.03 + 30,000.00 + 1,232.88 = 33,205.48; residual 6,794.52
        Result r = run(abc("0.00", "0.00"), "10000.00", "30000.00", 30, PrincipalMode.PRO_RATA, "50000.01");
        assertTrue(r.triggerBreached());
        assertEquals(PrincipalMode.SEQUENTIAL, r.modeApplied());
        row(r.tranches().get(0), "600000.00", "1726.03", "1726.03", "0.00", "30000.00", "570000.00", "0.00");
        row(r.tranches().get(1), "300000.00", "1232.88", "1232.88", "0.00", "0.00", "300000.00", "0.00");
        row(r.tranches().get(2), "100000.00", "0.00", "0.00", "0.00", "0.00", "100000.00", "6794.52");
        balances(r);
    }

    @Test
    void aProRataFenThatCannotBeSplitGoesToTheLargestRemainderThenToSeniorityAndNoFenIsLost() {
        // three equal balances, principal 100.00: 33.333.. each -> 33.33 x 3 = 99.99, one fen left,
        // remainders equal -> the senior tranche: A 33.34, B 33.33, C 33.33 (no fees, no coupons)
        List<Tranche> equal = List.of(new Tranche("A", 1, false, m("0"), m("100000.00"), m("0.00")),
                new Tranche("B", 2, false, m("0"), m("100000.00"), m("0.00")),
                new Tranche("C", 3, true, m("0"), m("100000.00"), m("0.00")));
        Result r = Waterfall.run(new Waterfall.Inputs(equal, m("0.00"), m("100.00"), m("0"), m("0"), m("0.00"), m("0.00"),
                30, PrincipalMode.PRO_RATA, m("0.00"), m("300000.00"), m("0.05")));
        row(r.tranches().get(0), "100000.00", "0.00", "0.00", "0.00", "33.34", "99966.66", "0.00");
        row(r.tranches().get(1), "100000.00", "0.00", "0.00", "0.00", "33.33", "99966.67", "0.00");
        row(r.tranches().get(2), "100000.00", "0.00", "0.00", "0.00", "33.33", "99966.67", "0.00");
        assertEquals(m("100.00"), r.paidOut());
        balances(r);
    }

    @Test
    void largestRemaindersWinTheLeftoverFenBeforeSeniority() {
        // 0.03 over 2:1:1 -> exact 0.015, 0.0075, 0.0075; cut to 0.01, 0.00, 0.00; two fen left go to the
        // two largest remainders (0.0075 each), not to the senior share (0.005): 0.01, 0.01, 0.01
        assertEquals(List.of(m("0.01"), m("0.01"), m("0.01")),
                Waterfall.proRata(m("0.03"), List.of(m("2.00"), m("1.00"), m("1.00"))));
        // 0.05 over 1:1:1 -> 0.0166.. each; 0.01 x 3, two fen left to the two most senior: 0.02, 0.02, 0.01
        assertEquals(List.of(m("0.02"), m("0.02"), m("0.01")),
                Waterfall.proRata(m("0.05"), List.of(m("1.00"), m("1.00"), m("1.00"))));
    }

    @Test
    void principalCollectionsBeyondAllBalancesGoToTheResidual() {
        List<Tranche> small = List.of(new Tranche("A", 1, false, m("0"), m("10.00"), m("0.00")),
                new Tranche("Z", 2, true, m("0"), m("5.00"), m("0.00")));
        Result r = Waterfall.run(new Waterfall.Inputs(small, m("1.00"), m("20.00"), m("0"), m("0"), m("0.00"), m("0.00"),
                30, PrincipalMode.SEQUENTIAL, m("0.00"), m("15.00"), m("0.05")));
        row(r.tranches().get(0), "10.00", "0.00", "0.00", "0.00", "10.00", "0.00", "0.00");
        row(r.tranches().get(1), "5.00", "0.00", "0.00", "0.00", "5.00", "0.00", "6.00");
        balances(r);
    }
}
