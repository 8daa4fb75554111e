package org.ipledger.journal;

/** What a journal entry records. Names are stable: they are stored and shown to clients. */
public enum JournalAction {
    PARTY_REGISTERED,
    ASSET_REGISTERED,
    LEGAL_EVENT_RECORDED,
    VALUATION_RECORDED,
    PLEDGE_FILED,
    PLEDGE_REGISTERED,
    PLEDGE_REFUSED,
    PLEDGE_RELEASED,
    PLEDGE_ENFORCED,
    PLEDGE_AMENDED,
    LOAN_RECORDED,
    LOAN_EVENT_RECORDED,
    POLICY_RECORDED,
    POLICY_CANCELLED,
    CLAIM_FILED,
    CLAIM_ASSESSED,
    CLAIM_PAID,
    CLAIM_REJECTED
}
