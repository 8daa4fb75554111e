package org.ipledger.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ipledger.common.Caller;
import org.ipledger.pledge.PledgeView;

/**
 * What of a journal entry a caller may read. Supervisors read everything. A bank or insurer reads
 * registry entries (parties, assets), a pledge of another bank as a public register shows it (no
 * terms), and nothing of another organisation's loans, alerts, webhooks, risk settings, policies or
 * claims; securitization products and periods only to their issuer and trustee.
 */
final class JournalVisibility {

    enum Level { FULL, PUBLIC_PART, NONE }

    private JournalVisibility() {
    }

    static Level of(Caller caller, String entityType, JsonNode state) {
        if (!caller.scopedToOwnOrg()) {
            return Level.FULL;
        }
        return switch (entityType) {
            case "PARTY", "ASSET" -> Level.FULL;
            case "PLEDGE" -> owns(caller, state.path("pledgee").path("id")) ? Level.FULL : Level.PUBLIC_PART;
            case "LOAN" -> owns(caller, state.has("loan") ? state.path("loan").path("lender").path("id")
                    : state.path("lender").path("id")) ? Level.FULL : Level.NONE;
            // One bank's own business; the state names the bank as bank.id.
            case "ALERT", "WEBHOOK", "RISK_SETTINGS" -> owns(caller, state.path("bank").path("id")) ? Level.FULL : Level.NONE;
            // Read by the insurer that wrote the policy and the bank that lent the loan it covers.
            case "POLICY", "CLAIM" -> owns(caller, state.path("insurer").path("id"))
                    || owns(caller, state.path("loan").path("lender").path("id")) ? Level.FULL : Level.NONE;
            // A securitization product and its periods: read by its issuer and trustee (and supervisors);
            // products are not public here, their pools name banks' loans. Banks read none of it.
            case "PRODUCT" -> owns(caller, state.path("issuer").path("id"))
                    || owns(caller, state.path("trustee").path("id")) ? Level.FULL : Level.NONE;
            // A licence receivable: its issuer and the trustee of the product that pools it.
            case "RECEIVABLE" -> owns(caller, state.path("issuer").path("id"))
                    || owns(caller, state.path("product").path("trustee").path("id")) ? Level.FULL : Level.NONE;
            case "PRODUCT_PERIOD" -> owns(caller, state.path("product").path("issuer").path("id"))
                    || owns(caller, state.path("product").path("trustee").path("id")) ? Level.FULL : Level.NONE;
            default -> Level.NONE;
        };
    }

    /** The state as the caller may see it in a history listing. */
    static JsonNode shown(Caller caller, String entityType, JsonNode state) {
        return switch (of(caller, entityType, state)) {
            case FULL -> state;
            case PUBLIC_PART -> {
                ObjectNode copy = ((ObjectNode) state).deepCopy();
                copy.remove(PledgeView.TERMS_MEMBERS);
                yield copy;
            }
            case NONE -> JsonNodeFactory.instance.objectNode().put("hidden", "another organisation's business");
        };
    }

    private static boolean owns(Caller caller, JsonNode orgId) {
        return caller.orgId() != null && orgId.isNumber() && orgId.asLong() == caller.orgId();
    }
}
