package org.ipledger.testsupport;

import io.smallrye.jwt.build.Jwt;

import java.util.Set;

/** Bearer tokens signed with the development key, as deploy/dev/token.sh mints them. */
public final class Tokens {

    private Tokens() {
    }

    public static String bank(long partyId) {
        return Jwt.upn("bank-" + partyId).groups(Set.of("bank")).claim("org", partyId).sign();
    }

    public static String insurer(long partyId) {
        return Jwt.upn("insurer-" + partyId).groups(Set.of("insurer")).claim("org", partyId).sign();
    }

    public static String issuer(long partyId) {
        return Jwt.upn("issuer-" + partyId).groups(Set.of("issuer")).claim("org", partyId).sign();
    }

    public static String trustee(long partyId) {
        return Jwt.upn("trustee-" + partyId).groups(Set.of("trustee")).claim("org", partyId).sign();
    }

    public static String registrar() {
        return Jwt.upn("registrar").groups(Set.of("registrar")).sign();
    }

    public static String regulator() {
        return Jwt.upn("regulator").groups(Set.of("regulator")).sign();
    }

    public static String admin() {
        return Jwt.upn("admin").groups(Set.of("admin")).sign();
    }

    public static String lab() {
        return Jwt.upn("lab").groups(Set.of("lab")).sign();
    }
}
