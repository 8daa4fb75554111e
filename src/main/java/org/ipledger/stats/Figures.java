package org.ipledger.stats;

import java.math.BigDecimal;

/** The figures of one cell (period and group), as summed from the summary tables. */
final class Figures {

    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private Figures() {
    }

    /** Registration basis: pledges the office registered, and the distinct enterprises pledging them. */
    record Registration(long pledges, BigDecimal pledgedAmount, long pledgedAssets, long enterprises) {
        static final Registration EMPTY = new Registration(0, ZERO, 0, 0);

        boolean isEmpty() {
            return pledges == 0 && pledgedAmount.signum() == 0 && pledgedAssets == 0 && enterprises == 0;
        }

        /** Fewer than three enterprises behind a non-empty cell. */
        boolean tooFewEnterprises() {
            return !isEmpty() && enterprises < Disclosure.MIN_ENTERPRISES;
        }

        long contributors() {
            return enterprises;
        }
    }

    /**
     * Lending basis. Every figure has its own population: borrowers of the loans issued, of the
     * inclusive ones, first-time pledgors, defaulters, and the loans with a balance at period end.
     */
    record Lending(long loansIssued, BigDecimal principalIssued, long inclusiveLoans, BigDecimal inclusivePrincipal,
                   long firstTimePledgors, long borrowers, long inclusiveBorrowers, BigDecimal outstanding,
                   long outstandingLoans, long defaults, long defaulters,
                   long insuredLoans, BigDecimal insuredPrincipal, long insuredBorrowers) {
        static final Lending EMPTY = new Lending(0, ZERO, 0, ZERO, 0, 0, 0, ZERO, 0, 0, 0, 0, ZERO, 0);

        boolean isEmpty() {
            return loansIssued == 0 && defaults == 0 && outstanding.signum() == 0 && outstandingLoans == 0;
        }

        boolean tooFewEnterprises() {
            return small(borrowers) || small(inclusiveBorrowers) || small(firstTimePledgors) || small(defaulters)
                    || small(insuredBorrowers)
                    // Balances: the number of loans with a balance stands in for their borrowers (see README).
                    || small(outstandingLoans) || (outstanding.signum() != 0 && outstandingLoans == 0);
        }

        long contributors() {
            return borrowers + outstandingLoans;
        }

        Lending withOutstanding(BigDecimal amount, long loans) {
            return new Lending(loansIssued, principalIssued, inclusiveLoans, inclusivePrincipal, firstTimePledgors,
                    borrowers, inclusiveBorrowers, amount, loans, defaults, defaulters, insuredLoans, insuredPrincipal,
                    insuredBorrowers);
        }

        /** Share of the principal issued that is insured: null when nothing was issued. */
        String insuranceCover() {
            return StatsService.share(insuredPrincipal, principalIssued);
        }

        private static boolean small(long n) {
            return n > 0 && n < Disclosure.MIN_ENTERPRISES;
        }
    }

    /**
     * Securitization issued in a period: products, their tranches' original principal and issuers;
     * the ledger loans pooled in them (outstanding at cut-off) and their borrowers.
     */
    record Securitization(long products, BigDecimal issuedPrincipal, long issuers, long loansSecuritized,
                          BigDecimal loansSecuritizedAmount, long poolBorrowers) {
        static final Securitization EMPTY = new Securitization(0, ZERO, 0, 0, ZERO, 0);

        boolean isEmpty() {
            return products == 0;
        }

        /** For the lab: fewer than three issuers, or pools from fewer than three borrowers. */
        boolean tooFewEnterprises() {
            return !isEmpty() && (issuers < Disclosure.MIN_ENTERPRISES
                    || (poolBorrowers > 0 && poolBorrowers < Disclosure.MIN_ENTERPRISES));
        }

        long contributors() {
            return issuers + poolBorrowers;
        }
    }
}
