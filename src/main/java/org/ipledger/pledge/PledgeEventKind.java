package org.ipledger.pledge;

public enum PledgeEventKind {
    FILED,
    REGISTERED,
    REFUSED,
    RELEASED,
    ENFORCED,
    AMENDED
}
