package org.ipledger.insurance;

public enum PolicyStatus {
    /** Covers its loan; a loan has at most one ACTIVE policy. */
    ACTIVE,
    /** Ended by the insurer before any claim on it; the loan may be insured again. */
    CANCELLED
}
