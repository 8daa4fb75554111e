package org.ipledger.registry;

/** Legal-status events as the IP office and courts report them. Each says how it changes the asset. */
public enum LegalEventKind {
    /** Granted or registered: PENDING_GRANT becomes VALID. */
    GRANTED,
    /** Annual or renewal fee not paid: VALID becomes LAPSED. */
    FEE_UNPAID,
    /** Rights restored after a lapse: LAPSED becomes VALID. */
    RESTORED,
    /** A request for invalidation opens proceedings (an encumbrance). */
    INVALIDATION_REQUESTED,
    /** The office upheld the right: proceedings close. */
    INVALIDATION_REJECTED,
    /** The right is declared invalid: INVALIDATED, proceedings close. */
    INVALIDATED,
    /** A court freezes the right. */
    COURT_FREEZE,
    /** The court lifts its freeze. */
    UNFREEZE,
    OWNERSHIP_DISPUTE_FILED,
    OWNERSHIP_DISPUTE_RESOLVED,
    /** A trademark renewed for another ten years. */
    RENEWED,
    /** The term ran out. */
    EXPIRED
}
