package org.ipledger.loan;

import java.math.BigDecimal;
import java.util.List;

/**
 * A loan's amounts, derived from its events and nothing else: outstanding principal = disbursed -
 * principal repaid - written off. Exact decimals; the one place that adds them up.
 */
public record Balances(BigDecimal disbursed, BigDecimal principalRepaid, BigDecimal interestRepaid,
                       BigDecimal writtenOff, BigDecimal outstanding) {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    public static Balances of(List<LoanEvent> events) {
        BigDecimal disbursed = ZERO;
        BigDecimal principalRepaid = ZERO;
        BigDecimal interestRepaid = ZERO;
        BigDecimal writtenOff = ZERO;
        for (LoanEvent e : events) {
            switch (e.kind) {
                case DISBURSEMENT -> disbursed = disbursed.add(e.principalAmount);
                case REPAYMENT, FULL_REPAYMENT -> {
                    principalRepaid = principalRepaid.add(e.principalAmount);
                    interestRepaid = interestRepaid.add(e.interestAmount);
                }
                case WRITE_OFF -> writtenOff = writtenOff.add(e.principalAmount);
                case RISK_CLASSIFICATION, DEFAULT -> {
                }
            }
        }
        BigDecimal outstanding = disbursed.subtract(principalRepaid).subtract(writtenOff);
        if (outstanding.signum() < 0) {
            throw new IllegalStateException("loan events give a negative outstanding balance " + outstanding);
        }
        return new Balances(disbursed, principalRepaid, interestRepaid, writtenOff, outstanding);
    }
}
