package org.ipledger.loan;

public enum LoanStatus {
    /** Recorded, not yet disbursed. */
    CONTRACTED,
    ACTIVE,
    DEFAULTED,
    /** Closed: fully repaid; its pledges were released. */
    REPAID,
    /** Closed: the outstanding principal was written off. */
    WRITTEN_OFF;

    public boolean isClosed() {
        return this == REPAID || this == WRITTEN_OFF;
    }
}
