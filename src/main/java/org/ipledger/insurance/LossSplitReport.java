package org.ipledger.insurance;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.party.PartyRef;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * How defaulted loans' losses split between the banks, the insurers and the government
 * risk-compensation fund: one row per loan with an assessed (or paid) claim, a page of them, and the
 * totals of every row the caller may see under the filter (not only this page).
 */
@Schema(name = "LossSplits")
public record LossSplitReport(List<Row> items, int page, int size, long total, Totals totals) {

    public record Row(long loanId, PartyRef lender, PartyRef borrower, long claimId, ClaimStatus claimStatus,
                      PartyRef insurer, String policyNumber,
                      @Schema(type = SchemaType.STRING, pattern = InsuranceInputs.SHARE_PATTERN, examples = "0.6")
                      BigDecimal insurerShare,
                      @Schema(type = SchemaType.STRING, pattern = InsuranceInputs.SHARE_PATTERN, examples = "0.2")
                      BigDecimal governmentShare,
                      LocalDate defaultedOn, LocalDate assessedOn, LocalDate paidOn, LossSplit split) {
    }

    @Schema(name = "LossSplitTotals", description = "loss = banks + insurers + governmentFund; byInsurer adds up to "
            + "insurers and byBank to banks")
    public record Totals(long loans, BigDecimal loss, BigDecimal banks, BigDecimal insurers, BigDecimal governmentFund,
                         List<InsurerTotal> byInsurer, List<BankTotal> byBank) {
    }

    public record InsurerTotal(PartyRef insurer, long loans, BigDecimal loss, BigDecimal insurerPart) {
    }

    public record BankTotal(PartyRef bank, long loans, BigDecimal loss, BigDecimal bankPart) {
    }
}
