package org.ipledger.registry;

public enum EncumbranceKind {
    COURT_FREEZE,
    OWNERSHIP_DISPUTE,
    INVALIDATION_PROCEEDINGS
}
