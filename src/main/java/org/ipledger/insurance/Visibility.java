package org.ipledger.insurance;

import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;

/**
 * Who sees a policy or a claim: the insurer that wrote it and the bank that lent the loan; regulators
 * and admins see all. {@code orgId} is null for a caller that sees everything.
 */
record Visibility(Long orgId) {

    static Visibility of(Caller caller) {
        if (!caller.scopedToOwnOrg()) {
            return new Visibility(null);
        }
        if (caller.orgId() == null) {
            throw ApiProblem.forbidden("the token must carry the caller's party id in the org claim");
        }
        return new Visibility(caller.orgId());
    }

    boolean sees(long insurerId, long lenderId) {
        return orgId == null || orgId == insurerId || orgId == lenderId;
    }

    boolean sees(Policy p) {
        return sees(p.insurer.id, p.loan.lender.id);
    }
}
