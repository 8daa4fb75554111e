package org.ipledger.registry;

public enum LegalStatus {
    /** Filed, not yet granted or registered. */
    PENDING_GRANT,
    VALID,
    /** Ended early, for example an annual fee not paid; may be restored. */
    LAPSED,
    INVALIDATED,
    /** Term ran out. */
    EXPIRED
}
