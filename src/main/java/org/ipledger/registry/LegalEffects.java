package org.ipledger.registry;

import org.ipledger.common.ApiProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a legal-status event changes an asset. The event itself is kept as history; this only moves
 * the asset's current status and opens or closes encumbrances. An event that does not fit the
 * current state is refused (409), so the register never records an impossible sequence.
 */
final class LegalEffects {

    private LegalEffects() {
    }

    /** Applies the event to {@code asset} and the open encumbrances; returns encumbrances to persist. */
    static List<Encumbrance> apply(IpAsset asset, List<Encumbrance> open, LegalEventInput event) {
        List<Encumbrance> created = new ArrayList<>();
        switch (event.kind()) {
            case GRANTED -> {
                requireStatus(asset, event, LegalStatus.PENDING_GRANT);
                if (event.occurredOn().isBefore(asset.filingDate)) {
                    throw ApiProblem.invalidField("occurredOn", "must not be before the filing date " + asset.filingDate);
                }
                asset.legalStatus = LegalStatus.VALID;
                asset.grantDate = event.occurredOn();
                asset.expiresOn = LegalTerms.expiry(asset.kind, asset.filingDate, asset.grantDate);
            }
            case FEE_UNPAID -> move(asset, event, LegalStatus.VALID, LegalStatus.LAPSED);
            case RESTORED -> move(asset, event, LegalStatus.LAPSED, LegalStatus.VALID);
            case EXPIRED -> move(asset, event, LegalStatus.VALID, LegalStatus.EXPIRED);
            case INVALIDATED -> {
                if (asset.legalStatus == LegalStatus.INVALIDATED) {
                    throw notApplicable(asset, event, "it is already INVALIDATED");
                }
                asset.legalStatus = LegalStatus.INVALIDATED;
                find(open, EncumbranceKind.INVALIDATION_PROCEEDINGS).ifPresent(e -> close(e, event));
            }
            case RENEWED -> {
                if (asset.kind != AssetKind.TRADEMARK || asset.expiresOn == null) {
                    throw notApplicable(asset, event, "only a registered trademark is renewed");
                }
                if (asset.legalStatus != LegalStatus.VALID && asset.legalStatus != LegalStatus.EXPIRED) {
                    throw notApplicable(asset, event, "its status is " + asset.legalStatus);
                }
                asset.expiresOn = LegalTerms.renew(asset.expiresOn);
                asset.legalStatus = LegalStatus.VALID;
            }
            case INVALIDATION_REQUESTED -> created.add(open(asset, open, event, EncumbranceKind.INVALIDATION_PROCEEDINGS));
            case INVALIDATION_REJECTED -> close(requireOpen(asset, open, event, EncumbranceKind.INVALIDATION_PROCEEDINGS), event);
            case COURT_FREEZE -> created.add(open(asset, open, event, EncumbranceKind.COURT_FREEZE));
            case UNFREEZE -> close(requireOpen(asset, open, event, EncumbranceKind.COURT_FREEZE), event);
            case OWNERSHIP_DISPUTE_FILED -> created.add(open(asset, open, event, EncumbranceKind.OWNERSHIP_DISPUTE));
            case OWNERSHIP_DISPUTE_RESOLVED -> close(requireOpen(asset, open, event, EncumbranceKind.OWNERSHIP_DISPUTE), event);
        }
        return created;
    }

    private static void move(IpAsset asset, LegalEventInput event, LegalStatus from, LegalStatus to) {
        requireStatus(asset, event, from);
        asset.legalStatus = to;
    }

    private static void requireStatus(IpAsset asset, LegalEventInput event, LegalStatus expected) {
        if (asset.legalStatus != expected) {
            throw notApplicable(asset, event, "its status is " + asset.legalStatus + ", not " + expected);
        }
    }

    private static Encumbrance open(IpAsset asset, List<Encumbrance> open, LegalEventInput event, EncumbranceKind kind) {
        if (find(open, kind).isPresent()) {
            throw notApplicable(asset, event, kind + " is already open");
        }
        Encumbrance e = new Encumbrance();
        e.assetId = asset.id;
        e.kind = kind;
        e.startedOn = event.occurredOn();
        e.reference = event.reference();
        return e;
    }

    private static Encumbrance requireOpen(IpAsset asset, List<Encumbrance> open, LegalEventInput event, EncumbranceKind kind) {
        return find(open, kind).orElseThrow(() -> notApplicable(asset, event, "there is no open " + kind));
    }

    private static void close(Encumbrance e, LegalEventInput event) {
        if (event.occurredOn().isBefore(e.startedOn)) {
            throw ApiProblem.invalidField("occurredOn", "must not be before the " + e.kind + " began on " + e.startedOn);
        }
        e.endedOn = event.occurredOn();
    }

    private static Optional<Encumbrance> find(List<Encumbrance> open, EncumbranceKind kind) {
        return open.stream().filter(e -> e.kind == kind).findFirst();
    }

    private static ApiProblem notApplicable(IpAsset asset, LegalEventInput event, String why) {
        return ApiProblem.conflict("legal-event-not-applicable",
                event.kind() + " cannot be recorded for asset " + asset.id + ": " + why);
    }
}
