package org.ipledger.coverage;

import org.ipledger.common.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The coverage rule, exactly, in one place.
 * <ul>
 *   <li>an asset's lendable value = its latest valuation x the pledge rate of its kind, rounded down to
 *       the fen (an asset without a valuation lends nothing);</li>
 *   <li>the loan's appraised value = the sum of its pledged assets' latest valuations; its lendable value =
 *       the sum of their lendable values;</li>
 *   <li>outstanding limit = lendable value x breach threshold, rounded down to the fen;</li>
 *   <li>the loan <b>breaches</b> when outstanding &gt; outstanding limit. Since outstanding is whole fen,
 *       this is exactly "outstanding &gt; lendable value x threshold" without any rounding;</li>
 *   <li>loan-to-value = outstanding / appraised value, 4 decimals rounded up (never understates the
 *       risk), absent when nothing is appraised; coverage ratio = lendable value / outstanding, 4 decimals
 *       rounded down (never overstates the cover), absent when nothing is outstanding.</li>
 * </ul>
 * Rounding down the lendable value and the limit errs on the bank's side: collateral is never
 * counted for more than it is worth.
 */
public final class CoverageRule {

    public static final int RATIO_SCALE = 4;
    public static final String RATIO_PATTERN = "^\\d+(\\.\\d{1,4})?$";

    private CoverageRule() {
    }

    /** One pledged asset: its latest valuation (null when never appraised) and the rate for its kind. */
    public record Collateral(BigDecimal latestValuation, BigDecimal pledgeRate) {
    }

    public static BigDecimal lendable(BigDecimal latestValuation, BigDecimal pledgeRate) {
        if (latestValuation == null) {
            return BigDecimal.ZERO.setScale(Money.SCALE);
        }
        return latestValuation.multiply(pledgeRate).setScale(Money.SCALE, RoundingMode.DOWN);
    }

    public static CoverageFigures figures(BigDecimal outstanding, List<Collateral> collateral, BigDecimal threshold) {
        BigDecimal appraised = BigDecimal.ZERO.setScale(Money.SCALE);
        BigDecimal lendable = BigDecimal.ZERO.setScale(Money.SCALE);
        for (Collateral c : collateral) {
            if (c.latestValuation() != null) {
                appraised = appraised.add(c.latestValuation());
            }
            lendable = lendable.add(lendable(c.latestValuation(), c.pledgeRate()));
        }
        BigDecimal owed = outstanding.setScale(Money.SCALE);
        BigDecimal limit = lendable.multiply(threshold).setScale(Money.SCALE, RoundingMode.DOWN);
        BigDecimal ltv = appraised.signum() == 0 ? null : owed.divide(appraised, RATIO_SCALE, RoundingMode.UP);
        BigDecimal ratio = owed.signum() == 0 ? null : lendable.divide(owed, RATIO_SCALE, RoundingMode.DOWN);
        return new CoverageFigures(owed, appraised, lendable, threshold, limit, ltv, ratio, owed.compareTo(limit) > 0, null);
    }
}
