package org.ipledger.stats;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.replica.ReadFrom;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The regulator's aggregates for a range of whole months: the two bases in separate sections, each
 * with its total and four breakdowns whose additive figures add up to the total.
 */
public record AggregatesView(LocalDate from, LocalDate to,
                             @Schema(description = "true for the lab: cells from fewer than 3 enterprises are suppressed")
                             boolean disclosureControlled,
                             RegistrationSection registrationBasis, LendingSection lendingBasis,
                             ReadFrom readFrom) {

    public AggregatesView(LocalDate from, LocalDate to, boolean disclosureControlled,
                          RegistrationSection registrationBasis, LendingSection lendingBasis) {
        this(from, to, disclosureControlled, registrationBasis, lendingBasis, null);
    }

    public AggregatesView withReadFrom(ReadFrom read) {
        return new AggregatesView(from, to, disclosureControlled, registrationBasis, lendingBasis, read);
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

    public record RegistrationCell(String group, boolean suppressed, Long pledges, BigDecimal pledgedAmount,
                                   Long pledgedAssets, Long enterprises) {
    }

    public record LendingCell(String group, boolean suppressed, Long loansIssued, BigDecimal principalIssued,
                              Long inclusiveLoans, BigDecimal inclusivePrincipal, Long firstTimePledgors, Long borrowers,
                              BigDecimal outstandingAtEnd, Long defaults) {
    }
}
