package org.ipledger.common;

import java.math.BigDecimal;

/**
 * Amounts are CNY as BigDecimal with scale 2 (fen). Inputs with finer precision are refused,
 * never rounded silently; this is the one place that sets the scale.
 */
public final class Money {

    public static final int SCALE = 2;
    /** Upper bound of any single amount: 10^16 CNY fits numeric(18,2) and no real loan comes near. */
    public static final BigDecimal MAX = new BigDecimal("9999999999999999.99");

    private Money() {
    }

    public static BigDecimal cny(BigDecimal amount, String field) {
        if (amount == null) {
            throw ApiProblem.invalidField(field, "is required");
        }
        if (amount.signum() <= 0) {
            throw ApiProblem.invalidField(field, "must be greater than 0");
        }
        if (amount.stripTrailingZeros().scale() > SCALE) {
            throw ApiProblem.invalidField(field, "must not have more than 2 decimal places (fen)");
        }
        if (amount.compareTo(MAX) > 0) {
            throw ApiProblem.invalidField(field, "must not exceed " + MAX.toPlainString());
        }
        return amount.setScale(SCALE);
    }

    /** As {@link #cny}, but zero is accepted (a premium, a payment of a nil share). */
    public static BigDecimal cnyOrZero(BigDecimal amount, String field) {
        if (amount != null && amount.signum() == 0) {
            if (amount.stripTrailingZeros().scale() > SCALE) {
                throw ApiProblem.invalidField(field, "must not have more than 2 decimal places (fen)");
            }
            return BigDecimal.ZERO.setScale(SCALE);
        }
        if (amount != null && amount.signum() < 0) {
            throw ApiProblem.invalidField(field, "must not be negative");
        }
        return cny(amount, field);
    }
}
