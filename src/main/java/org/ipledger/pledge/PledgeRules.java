package org.ipledger.pledge;

import org.ipledger.registry.EncumbranceKind;
import org.ipledger.registry.LegalStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The rules on one asset that pledge registration and the collateral-status answer share, so a bank
 * told "free to pledge" is not then refused for a reason the status did not show.
 */
public final class PledgeRules {

    private PledgeRules() {
    }

    /**
     * Reasons the asset cannot be pledged. {@code termEndsOn} null means "no term asked yet"; then
     * invalidation proceedings are reported as a reason too, since a pledge needs them acknowledged.
     */
    public static List<RefusalReason> assetReasons(LegalStatus effectiveStatus, LocalDate expiresOn,
                                                   Collection<EncumbranceKind> open, LocalDate termEndsOn,
                                                   boolean invalidationRiskAcknowledged) {
        List<RefusalReason> reasons = new ArrayList<>();
        if (effectiveStatus != LegalStatus.VALID) {
            reasons.add(new RefusalReason("not-valid", "legal status is " + effectiveStatus + ", not VALID"));
        }
        if (open.contains(EncumbranceKind.COURT_FREEZE)) {
            reasons.add(new RefusalReason("court-freeze", "frozen by a court"));
        }
        if (open.contains(EncumbranceKind.OWNERSHIP_DISPUTE)) {
            reasons.add(new RefusalReason("ownership-dispute", "its ownership is disputed"));
        }
        if (open.contains(EncumbranceKind.INVALIDATION_PROCEEDINGS) && !invalidationRiskAcknowledged) {
            reasons.add(new RefusalReason("invalidation-proceedings",
                    "under invalidation proceedings; a pledge must acknowledge that risk explicitly"));
        }
        if (termEndsOn != null && expiresOn != null && expiresOn.isBefore(termEndsOn)) {
            reasons.add(new RefusalReason("expires-before-term-ends",
                    "protection ends on " + expiresOn + ", before the pledge term ends on " + termEndsOn));
        }
        return reasons;
    }
}
