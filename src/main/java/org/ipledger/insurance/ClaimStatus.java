package org.ipledger.insurance;

/** FILED → ASSESSED → PAID, or FILED → REJECTED. */
public enum ClaimStatus {
    /** Filed by the lending bank for its defaulted loan. */
    FILED,
    /** The insurer assessed the principal loss; its split between bank, insurer and fund is fixed. */
    ASSESSED,
    /** The insurer paid its part. */
    PAID,
    /** The insurer refused the claim; the bank may file a new one. */
    REJECTED
}
