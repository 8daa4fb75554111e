package org.ipledger.stats;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.replica.ReadFrom;

import java.math.BigDecimal;
import java.util.List;

/** Volumes per period (and group) on both bases, each figure with its change against a year earlier. */
public record VolumesView(String from, String to, StatsPeriod period, StatsBreakdown groupBy,
                          @Schema(description = "true for the lab: cells from fewer than 3 enterprises are suppressed, with complements")
                          boolean disclosureControlled,
                          List<Row> rows,
                          ReadFrom readFrom) {

    public VolumesView(String from, String to, StatsPeriod period, StatsBreakdown groupBy, boolean disclosureControlled,
                       List<Row> rows) {
        this(from, to, period, groupBy, disclosureControlled, rows, null);
    }

    public VolumesView withReadFrom(ReadFrom read) {
        return new VolumesView(from, to, period, groupBy, disclosureControlled, rows, read);
    }

    public record Row(@Schema(examples = "2024-Q1") String period,
                      @Schema(description = "The group (district, industry, bank party id, IP kind, MIXED, UNKNOWN, NONE); null without groupBy")
                      String group,
                      @Schema(description = "The bank's name for groupBy=BANK; null otherwise", examples = "苏州银行")
                      String groupName,
                      Registration registration, Lending lending,
                      @Schema(description = "Securitization issued in the period; only without groupBy (a product is not a district's or a bank's)")
                      Securitization securitization) {
    }

    @Schema(name = "VolumesRegistrationBasis", description = "Pledges registered by the IP office, dated by the month their term starts")
    public record Registration(boolean suppressed, Count pledges, Amount pledgedAmount, Count pledgedAssets, Count enterprises) {
    }

    @Schema(name = "VolumesLendingBasis", description = "Loans dated by their disbursement date; balances and defaults by their events' dates")
    public record Lending(boolean suppressed, Count loansIssued, Amount principalIssued, Count inclusiveLoans,
                          Amount inclusivePrincipal, Count firstTimePledgors, Count borrowers,
                          Amount outstandingAtPeriodEnd, Count defaults,
                          @Schema(description = "Loans issued in the period that have a live (ACTIVE) insurance policy")
                          Count insuredLoans,
                          @Schema(description = "Principal of those loans")
                          Amount insuredPrincipal,
                          @Schema(description = "Insurance cover: insuredPrincipal / principalIssued")
                          Share insuranceCover) {
    }

    @Schema(name = "VolumesSecuritization", description = "Products issued in the period (by issue date): tranches' original principal, and the ledger loans pooled in them")
    public record Securitization(boolean suppressed, Count products, Amount issuedPrincipal, Count loansSecuritized,
                                 @Schema(description = "Outstanding principal of the pooled loans at cut-off")
                                 Amount loansSecuritizedAmount) {
    }

    @Schema(name = "CountWithChange", description = "null values where suppressed; change and ratio null where last year's value is 0 or hidden")
    public record Count(Long value, Long previousYear, Long change,
                        @Schema(description = "change / previousYear, 4 decimals", examples = "0.2500") String changeRatio) {
    }

    @Schema(name = "AmountWithChange", description = "null values where suppressed; change and ratio null where last year's value is 0 or hidden")
    public record Amount(BigDecimal value, BigDecimal previousYear, BigDecimal change,
                         @Schema(description = "change / previousYear, 4 decimals", examples = "0.2500") String changeRatio) {
    }

    @Schema(name = "ShareWithChange", description = "A share as a decimal fraction, 4 decimals (half-even); null where suppressed or nothing was issued; change in the same unit")
    public record Share(@Schema(examples = "0.3750") String value, String previousYear,
                        @Schema(examples = "0.1250") String change) {
    }
}
