package org.ipledger.stats;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.replica.ReadFrom;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The regulator's aggregates for a range of whole months: the two bases in separate sections, each
 * with its total and four breakdowns whose additive figures add up to the total, and securitization
 * issued in the range.
 */
public record AggregatesView(LocalDate from, LocalDate to,
                             @Schema(description = "true for the lab: cells from fewer than 3 enterprises are suppressed, with complements")
                             boolean disclosureControlled,
                             RegistrationSection registrationBasis, LendingSection lendingBasis,
                             SecuritizationCell securitization, ReadFrom readFrom) {

    public AggregatesView(LocalDate from, LocalDate to, boolean disclosureControlled,
                          RegistrationSection registrationBasis, LendingSection lendingBasis,
                          SecuritizationCell securitization) {
        this(from, to, disclosureControlled, registrationBasis, lendingBasis, securitization, null);
    }

    public AggregatesView withReadFrom(ReadFrom read) {
        return new AggregatesView(from, to, disclosureControlled, registrationBasis, lendingBasis, securitization, read);
    }

    @Schema(description = "Pledges registered by the IP office whose term starts in the range")
    public record RegistrationSection(RegistrationCell total, List<RegistrationCell> byDistrict,
                                      List<RegistrationCell> byIndustry, List<RegistrationCell> byBank,
                                      List<RegistrationCell> byIpKind) {
    }

    @Schema(description = "Loans disbursed in the range; balance at the range's end; defaults in the range")
    public record LendingSection(LendingCell total, List<LendingCell> byDistrict, List<LendingCell> byIndustry,
                                 List<LendingCell> byBank, List<LendingCell> byIpKind) {
    }

    public record RegistrationCell(String group,
                                   @Schema(description = "The bank's name in byBank; null elsewhere") String groupName,
                                   boolean suppressed, Long pledges, BigDecimal pledgedAmount,
                                   Long pledgedAssets, Long enterprises) {
    }

    public record LendingCell(String group,
                              @Schema(description = "The bank's name in byBank; null elsewhere") String groupName,
                              boolean suppressed, Long loansIssued, BigDecimal principalIssued,
                              Long inclusiveLoans, BigDecimal inclusivePrincipal, Long firstTimePledgors, Long borrowers,
                              BigDecimal outstandingAtEnd, Long defaults,
                              @Schema(description = "Loans issued in the range with a live (ACTIVE) policy") Long insuredLoans,
                              BigDecimal insuredPrincipal,
                              @Schema(description = "insuredPrincipal / principalIssued, 4 decimals; null when nothing was issued",
                                      examples = "0.3750") String insuranceCover) {
    }

    @Schema(description = "Securitization products issued in the range (by issue date): tranches' original principal; ledger loans pooled (outstanding at cut-off)")
    public record SecuritizationCell(boolean suppressed, Long products, BigDecimal issuedPrincipal, Long loansSecuritized,
                                     BigDecimal loansSecuritizedAmount) {
    }
}
