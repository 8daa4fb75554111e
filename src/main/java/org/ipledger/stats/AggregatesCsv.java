package org.ipledger.stats;

import java.math.BigDecimal;
import java.util.List;

/**
 * The aggregates as CSV (RFC 4180, UTF-8), one figure a line so a spreadsheet or a script reads every
 * section alike: {@code basis,breakdown,group,measure,value,suppressed,groupName}. The total's
 * breakdown is TOTAL and its group is empty; a suppressed figure has an empty value and
 * suppressed=true; groupName is the bank's name in the BANK breakdown, empty elsewhere.
 * Securitization issued in the range is basis SECURITIZATION, breakdown TOTAL.
 */
final class AggregatesCsv {

    static final String HEADER = "basis,breakdown,group,measure,value,suppressed,groupName";

    private AggregatesCsv() {
    }

    static String write(AggregatesView a) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        var r = a.registrationBasis();
        registration(out, "TOTAL", List.of(r.total()));
        registration(out, "DISTRICT", r.byDistrict());
        registration(out, "INDUSTRY", r.byIndustry());
        registration(out, "BANK", r.byBank());
        registration(out, "IP_KIND", r.byIpKind());
        var l = a.lendingBasis();
        lending(out, "TOTAL", List.of(l.total()));
        lending(out, "DISTRICT", l.byDistrict());
        lending(out, "INDUSTRY", l.byIndustry());
        lending(out, "BANK", l.byBank());
        lending(out, "IP_KIND", l.byIpKind());
        var s = a.securitization();
        line(out, "SECURITIZATION", "TOTAL", null, null, "products", s.products(), s.suppressed());
        line(out, "SECURITIZATION", "TOTAL", null, null, "issuedPrincipal", s.issuedPrincipal(), s.suppressed());
        line(out, "SECURITIZATION", "TOTAL", null, null, "loansSecuritized", s.loansSecuritized(), s.suppressed());
        line(out, "SECURITIZATION", "TOTAL", null, null, "loansSecuritizedAmount", s.loansSecuritizedAmount(), s.suppressed());
        return out.toString();
    }

    private static void registration(StringBuilder out, String breakdown, List<AggregatesView.RegistrationCell> cells) {
        for (var c : cells) {
            line(out, "REGISTRATION", breakdown, c.group(), c.groupName(), "pledges", c.pledges(), c.suppressed());
            line(out, "REGISTRATION", breakdown, c.group(), c.groupName(), "pledgedAmount", c.pledgedAmount(), c.suppressed());
            line(out, "REGISTRATION", breakdown, c.group(), c.groupName(), "pledgedAssets", c.pledgedAssets(), c.suppressed());
            line(out, "REGISTRATION", breakdown, c.group(), c.groupName(), "enterprises", c.enterprises(), c.suppressed());
        }
    }

    private static void lending(StringBuilder out, String breakdown, List<AggregatesView.LendingCell> cells) {
        for (var c : cells) {
            line(out, "LENDING", breakdown, c.group(), c.groupName(), "loansIssued", c.loansIssued(), c.suppressed());
            line(out, "LENDING", breakdown, c.group(), c.groupName(), "principalIssued", c.principalIssued(), c.suppressed());
            line(out, "LENDING", breakdown, c.group(), c.groupName(), "inclusiveLoans", c.inclusiveLoans(), c.suppressed());
            line(out, "LENDING", breakdown, c.group(), c.groupName(), "inclusivePrincipal", c.inclusivePrincipal(), c.suppressed());
            line(out, "LENDING", breakdown, c.group(), c.groupName(), "firstTimePledgors", c.firstTimePledgors(), c.suppressed());
            line(out, "LENDING", breakdown, c.group(), c.groupName(), "borrowers", c.borrowers(), c.suppressed());
            line(out, "LENDING", breakdown, c.group(), c.groupName(), "outstandingAtEnd", c.outstandingAtEnd(), c.suppressed());
            line(out, "LENDING", breakdown, c.group(), c.groupName(), "defaults", c.defaults(), c.suppressed());
            line(out, "LENDING", breakdown, c.group(), c.groupName(), "insuredLoans", c.insuredLoans(), c.suppressed());
            line(out, "LENDING", breakdown, c.group(), c.groupName(), "insuredPrincipal", c.insuredPrincipal(), c.suppressed());
            line(out, "LENDING", breakdown, c.group(), c.groupName(), "insuranceCover", c.insuranceCover(), c.suppressed());
        }
    }

    private static void line(StringBuilder out, String basis, String breakdown, String group, String groupName, String measure,
                             Object value, boolean suppressed) {
        out.append(basis).append(',').append(breakdown).append(',').append(quote(group == null ? "" : group)).append(',')
                .append(measure).append(',')
                .append(value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString())
                .append(',').append(suppressed).append(',').append(quote(groupName == null ? "" : groupName)).append("\r\n");
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
