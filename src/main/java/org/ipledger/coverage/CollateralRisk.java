package org.ipledger.coverage;

/** Why a pledged asset puts a loan's collateral at risk. Names are stable: alerts carry them as their kind. */
public enum CollateralRisk {
    /** The asset's (effective) legal status is no longer VALID: lapsed, invalidated or expired. */
    NOT_VALID,
    /** A court has frozen the asset. */
    COURT_FREEZE,
    /** Its ownership is disputed. */
    OWNERSHIP_DISPUTE,
    /** A request to invalidate it is under examination. */
    INVALIDATION_PROCEEDINGS,
    /** Its protection ends before the loan matures. */
    EXPIRES_BEFORE_MATURITY
}
