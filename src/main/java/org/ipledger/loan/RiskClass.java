package org.ipledger.loan;

/** The five-category loan classification of Chinese bank supervision. */
public enum RiskClass {
    NORMAL,
    SPECIAL_MENTION,
    SUBSTANDARD,
    DOUBTFUL,
    LOSS
}
