package org.ipledger.alert;

import org.ipledger.coverage.CollateralRisk;
import org.ipledger.registry.LegalEventKind;

import java.util.Optional;

/** What an alert warns of. Names are stable: they are stored, filtered on and sent to webhooks. */
public enum AlertKind {
    /** A pledged asset is no longer VALID: its fee went unpaid (LAPSED), it was INVALIDATED or EXPIRED. */
    NOT_VALID,
    /** A court froze a pledged asset. */
    COURT_FREEZE,
    /** A pledged asset's ownership is disputed. */
    OWNERSHIP_DISPUTE,
    /** Someone asked the office to invalidate a pledged asset. */
    INVALIDATION_PROCEEDINGS,
    /** A pledged asset's protection ends before the loan matures. */
    EXPIRES_BEFORE_MATURITY,
    /** A valuation lowered the loan's lendable value and the loan now breaches its threshold. */
    COVERAGE_BELOW_THRESHOLD;

    public static AlertKind of(CollateralRisk risk) {
        return valueOf(risk.name());
    }

    /** The alert a registrar's legal-status event raises on the loans its asset secures, if any. */
    public static Optional<AlertKind> forLegalEvent(LegalEventKind kind) {
        return Optional.ofNullable(switch (kind) {
            case FEE_UNPAID, INVALIDATED, EXPIRED -> NOT_VALID;
            case COURT_FREEZE -> COURT_FREEZE;
            case OWNERSHIP_DISPUTE_FILED -> OWNERSHIP_DISPUTE;
            case INVALIDATION_REQUESTED -> INVALIDATION_PROCEEDINGS;
            case GRANTED, RESTORED, INVALIDATION_REJECTED, UNFREEZE, OWNERSHIP_DISPUTE_RESOLVED, RENEWED -> null;
        });
    }
}
