package org.ipledger.common;

/** Roles carried in the token's {@code groups} claim. */
public final class Roles {
    /** A bank's loan system; its own party id is in the {@code org} claim. */
    public static final String BANK = "bank";
    /** An insurer of IP-backed loans; its own party id is in the {@code org} claim. */
    public static final String INSURER = "insurer";
    /** A securitization issuer; its own party id (kind ISSUER) is in the {@code org} claim. */
    public static final String ISSUER = "issuer";
    /** A securitization trustee; its own party id (kind TRUSTEE) is in the {@code org} claim. */
    public static final String TRUSTEE = "trustee";
    /** The IP office's registrar: assets, legal status, pledge registration. */
    public static final String REGISTRAR = "registrar";
    /** Reads everything. */
    public static final String REGULATOR = "regulator";
    /** The city's IP financial innovation lab: aggregates only. */
    public static final String LAB = "lab";
    /** Operates the ledger: parties and reference data. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
