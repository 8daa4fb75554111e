package org.ipledger.stats;

/**
 * The breakdowns of both bases. Every pledge (loan) falls in exactly one group of each, so additive
 * figures add up to the total: MIXED when its pledgors span several districts or industries, or its
 * assets several kinds; UNKNOWN when a party has no district or industry; NONE (IP kind of a loan)
 * when no pledge secures it. BANK groups are the pledgee's (lender's) party id.
 */
public enum StatsBreakdown {
    DISTRICT, INDUSTRY, BANK, IP_KIND
}
