package org.ipledger.pledge;

/**
 * Why an asset cannot be pledged (now, or under the requested terms). {@code code} is stable:
 * not-valid, court-freeze, ownership-dispute, invalidation-proceedings, expires-before-term-ends,
 * pledgor-not-holder, similar-marks-missing, already-pledged.
 */
public record RefusalReason(String code, String message) {
}
