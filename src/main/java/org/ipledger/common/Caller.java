package org.ipledger.common;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * Who is calling, from the verified token. {@code orgId} is the bank's party id ({@code org} claim).
 * Journal entries name the caller as {@link #actor()}.
 */
public record Caller(String subject, Set<String> roles, Long orgId) {

    public static Caller of(JsonWebToken jwt) {
        Object org = jwt.getClaim("org");
        Long orgId = null;
        if (org instanceof Number n) {
            orgId = n.longValue();
        } else if (org instanceof jakarta.json.JsonNumber n) {
            orgId = n.longValue();
        } else if (org != null) {
            try {
                orgId = Long.valueOf(org.toString().replace("\"", ""));
            } catch (NumberFormatException e) {
                throw ApiProblem.forbidden("the token's org claim is not a party id");
            }
        }
        String subject = jwt.getName() == null ? "unknown" : jwt.getName();
        return new Caller(subject, jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups()), orgId);
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    /**
     * Banks and insurers see their own business only; the registrar, regulators and admins see
     * everything they may read. A token with no reading role at all is treated as scoped too.
     */
    public boolean scopedToOwnOrg() {
        return !is(Roles.REGULATOR) && !is(Roles.REGISTRAR) && !is(Roles.ADMIN);
    }

    public long bankId() {
        if (orgId == null) {
            throw ApiProblem.forbidden("a bank token must carry its party id in the org claim");
        }
        return orgId;
    }

    /** May this caller see the business terms (secured amount) of a pledge to {@code pledgeeId}? */
    public boolean seesTermsOf(long pledgeeId) {
        return !scopedToOwnOrg() || (orgId != null && orgId == pledgeeId);
    }

    public String actor() {
        return orgId == null ? subject : subject + "@" + orgId;
    }
}
