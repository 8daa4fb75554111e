package org.ipledger.registry;

public enum ValuationMethod {
    INCOME,
    MARKET,
    COST
}
