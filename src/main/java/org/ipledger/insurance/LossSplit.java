package org.ipledger.insurance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How an assessed principal loss splits, exactly to the fen: the insurer's part and the government
 * fund's part are each the loss times the share, rounded half-up to the fen once; the bank bears the
 * remainder. The three always add up to the loss. The one place that computes a split (the database
 * checks the same rule).
 *
 * <p>When the shares add up to (almost) 1, two half-up roundings can together exceed the loss by a
 * fen (a loss of 0.05 split 0.5 : 0.5 gives 0.03 + 0.03). The fund's part is then capped at what the
 * insurer leaves, so the bank's part is never negative and no fen is invented.
 */
public record LossSplit(BigDecimal loss, BigDecimal bankPart, BigDecimal insurerPart, BigDecimal governmentPart) {

    public static LossSplit of(BigDecimal loss, BigDecimal insurerShare, BigDecimal governmentShare) {
        if (loss.signum() < 0 || loss.scale() > 2) {
            throw new IllegalArgumentException("a loss is a non-negative amount in fen, not " + loss);
        }
        if (insurerShare.signum() < 0 || governmentShare.signum() < 0
                || insurerShare.add(governmentShare).compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("shares " + insurerShare + " + " + governmentShare + " must be within [0, 1]");
        }
        BigDecimal amount = loss.setScale(2);
        BigDecimal insurer = amount.multiply(insurerShare).setScale(2, RoundingMode.HALF_UP);
        BigDecimal government = amount.multiply(governmentShare).setScale(2, RoundingMode.HALF_UP)
                .min(amount.subtract(insurer));
        BigDecimal bank = amount.subtract(insurer).subtract(government);
        return new LossSplit(amount, bank, insurer, government);
    }
}
