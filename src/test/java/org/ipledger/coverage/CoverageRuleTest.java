package org.ipledger.coverage;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoverageRuleTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static CoverageRule.Collateral c(String valuation, String rate) {
        return new CoverageRule.Collateral(valuation == null ? null : d(valuation), d(rate));
    }

    @Test
    void eachAssetLendsItsValuationTimesItsRateRoundedDownToTheFen() {
        assertEquals(d("499999.99"), CoverageRule.lendable(d("3333333.33"), d("0.1500")));
        assertEquals(d("2500000.00"), CoverageRule.lendable(d("10000000.00"), d("0.2500")));
        assertEquals(d("0.00"), CoverageRule.lendable(null, d("0.5000")));
        assertEquals(d("0.00"), CoverageRule.lendable(d("0.03"), d("0.2500")));
    }

    @Test
    void theLoanBreachesExactlyWhenOutstandingExceedsLendableValueTimesThreshold() {
        List<CoverageRule.Collateral> assets = List.of(c("10000000.00", "0.2500"), c("3333333.33", "0.1500"), c(null, "0.5000"));
        // lendable 2,500,000.00 + 499,999.99 = 2,999,999.99; x 1.0000 = limit 2,999,999.99
        CoverageFigures at = CoverageRule.figures(d("2999999.99"), assets, d("1.0000"));
        assertEquals(d("13333333.33"), at.appraisedValue());
        assertEquals(d("2999999.99"), at.lendableValue());
        assertEquals(d("2999999.99"), at.outstandingLimit());
        assertFalse(at.breached(), "equal is not a breach");
        CoverageFigures over = CoverageRule.figures(d("3000000.00"), assets, d("1.0000"));
        assertTrue(over.breached());
        // A tolerance above 1: 2,999,999.99 x 1.1000 = 3,299,999.989 -> limit 3,299,999.98
        CoverageFigures tolerant = CoverageRule.figures(d("3299999.98"), assets, d("1.1000"));
        assertEquals(d("3299999.98"), tolerant.outstandingLimit());
        assertFalse(tolerant.breached());
        assertTrue(CoverageRule.figures(d("3299999.99"), assets, d("1.1000")).breached(),
                "3,299,999.99 > 3,299,999.989 exactly");
    }

    @Test
    void ratiosHaveFourDecimalsRoundedAgainstTheBank() {
        CoverageFigures f = CoverageRule.figures(d("2000000.00"), List.of(c("7000000.00", "0.2500")), d("1.0000"));
        assertEquals(d("0.2858"), f.loanToValue(), "2/7 = 0.285714... rounded up");
        assertEquals(d("0.8750"), f.coverageRatio());
        CoverageFigures thirds = CoverageRule.figures(d("3.00"), List.of(c("9.00", "1.0000")), d("1.0000"));
        assertEquals(d("0.3334"), thirds.loanToValue());
        assertEquals(d("3.0000"), thirds.coverageRatio());
        CoverageFigures third = CoverageRule.figures(d("9.00"), List.of(c("12.00", "0.2500")), d("1.0000"));
        assertEquals(d("0.3333"), third.coverageRatio(), "3/9 rounded down");
    }

    @Test
    void nothingAppraisedHasNoLoanToValueAndNothingOutstandingHasNoCoverageRatio() {
        CoverageFigures unvalued = CoverageRule.figures(d("100.00"), List.of(c(null, "0.2500")), d("1.0000"));
        assertNull(unvalued.loanToValue());
        assertEquals(d("0.0000"), unvalued.coverageRatio());
        assertTrue(unvalued.breached());
        CoverageFigures undisbursed = CoverageRule.figures(d("0.00"), List.of(c("100.00", "0.2500")), d("1.0000"));
        assertNull(undisbursed.coverageRatio());
        assertEquals(d("0.0000"), undisbursed.loanToValue());
        assertFalse(undisbursed.breached());
    }
}
