package org.ipledger.securitization;

import org.ipledger.securitization.Waterfall.PrincipalMode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Projections worked by hand: monthly periods from 2026-01-01, no fees, coupons of 0 unless said. */
class ProjectionTest {

    private static BigDecimal m(String s) {
        return new BigDecimal(s);
    }

    private static Projection.Start start(String a, String z) {
        return new Projection.Start(List.of(new Waterfall.Tranche("A", 1, false, m("0"), m(a), m("0.00")),
                new Waterfall.Tranche("Z", 2, true, m("0"), m(z), m("0.00"))), m("0"), m("0"), m("0.00"), m("0.00"),
                PrincipalMode.SEQUENTIAL, m("0.00"), m(a).add(m(z)), m("0.05"), 1, LocalDate.parse("2026-01-01"), 1);
    }

    @Test
    void aLoanPayingInterestOnlyPaysTheResidualToTheSubordinatedTrancheAndRepaysNothingBeforeMaturity() {
        // 365,000.00 at 10 %: 365,000.00 x 0.10 x 31/365 = 3,100.00 in January, all residual to Z.
        Projection.Result r = Projection.run(start("300000.00", "65000.00"),
                List.of(new Projection.PoolLoan(m("365000.00"), m("0.10"), LocalDate.parse("2027-01-01"))),
                new Projection.Assumptions(m("0"), m("0"), 2));
        assertEquals(m("3100.00"), r.periods().get(0).interestCollected());
        assertEquals(m("3100.00"), r.periods().get(0).residual());
        assertEquals(m("0.00"), r.periods().get(0).principalCollected());
        assertNull(r.tranches().get(0).repaidOn());
    }

    @Test
    void theBalanceDueAtMaturityRepaysTheSeniorTrancheFirstInThatPeriod() {
        // matures 2026-02-15, inside period 2 (2026-02-01, 2026-03-01]: 1,000.00 collected then, A 600.00, Z 400.00.
        Projection.Result r = Projection.run(start("600.00", "400.00"),
                List.of(new Projection.PoolLoan(m("1000.00"), m("0"), LocalDate.parse("2026-02-15"))),
                new Projection.Assumptions(m("0"), m("0"), 3));
        assertEquals(m("0.00"), r.periods().get(0).principalCollected());
        assertEquals(m("1000.00"), r.periods().get(1).principalCollected());
        assertEquals(2, r.tranches().get(0).repaidInPeriod());
        assertEquals(LocalDate.parse("2026-03-01"), r.tranches().get(0).repaidOn());
        assertEquals(2, r.tranches().get(1).repaidInPeriod());
    }

    @Test
    void aPoolThatAllDefaultsRepaysNoTrancheAndBreachesTheTrigger() {
        // an annual default rate of 1: 1 - (1 - 1)^(1/12) = 1, the whole 1,000.00 defaults in January.
        Projection.Result r = Projection.run(start("600.00", "400.00"),
                List.of(new Projection.PoolLoan(m("1000.00"), m("0"), LocalDate.parse("2027-01-01"))),
                new Projection.Assumptions(m("1"), m("0"), 2));
        assertEquals(m("1000.00"), r.periods().get(0).defaulted());
        assertTrue(r.periods().get(0).triggerBreached());
        assertNull(r.tranches().get(0).repaidInPeriod());
        // Nothing performs: the loss is written off every tranche, none is counted as repaid.
        assertEquals(m("0.00"), r.tranches().get(0).closingBalance());
        assertEquals(m("600.00"), r.tranches().get(0).writtenDown());
        assertEquals(m("400.00"), r.tranches().get(1).writtenDown());
        assertNull(r.tranches().get(1).repaidInPeriod());
    }
}
