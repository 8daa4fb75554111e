package org.ipledger.pledge;

/** As at the patent office: a pledge exists once registered; while examined it already reserves the assets. */
public enum PledgeStatus {
    PENDING,
    ACTIVE,
    VOID,
    RELEASED,
    ENFORCED;

    /** Live pledges hold their assets: nobody else may pledge them. */
    public boolean isLive() {
        return this == PENDING || this == ACTIVE;
    }
}
