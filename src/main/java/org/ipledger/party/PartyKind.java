package org.ipledger.party;

public enum PartyKind {
    /** Pledgors and borrowers. */
    ENTERPRISE,
    /** Pledgees and lenders. */
    BANK,
    INSURER,
    /** Securitization issuers. */
    ISSUER,
    TRUSTEE
}
