package org.ipledger.securitization;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.party.PartyRef;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The trustee's report of one payment period: what the pool collected and how it was paid out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PeriodReport(ProductRef product, int periodNumber, LocalDate periodStart, LocalDate periodEnd, long days,
                           @Schema(description = "True: computed only, nothing recorded") boolean dryRun,
                           @Schema(description = "True: this period was recorded before; this is that record, "
                                   + "nothing was paid again") boolean replayed,
                           BigDecimal interestCollected, BigDecimal principalCollected, BigDecimal collected,
                           @Schema(description = "Outstanding principal at DEFAULT of pool loans up to the period end")
                           BigDecimal cumulativeDefaults,
                           boolean triggerBreached, Waterfall.PrincipalMode principalModeApplied,
                           Waterfall.FeeLine trusteeFee, Waterfall.FeeLine servicingFee,
                           List<Waterfall.TrancheLine> tranches,
                           @Schema(description = "Paid to the subordinated tranche after everything else")
                           BigDecimal residual,
                           BigDecimal paidOut,
                           @Schema(description = "collected - paidOut; zero, the subordinated tranche takes the residual")
                           BigDecimal cashCarried,
                           Long journalSeq) {

    @JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    public record ProductRef(long id, String name, PartyRef issuer, PartyRef trustee) {
    }

    static PeriodReport of(ProductRef product, int number, LocalDate start, LocalDate end, long days, boolean dryRun,
                           BigDecimal cumulativeDefaults, Waterfall.Result r) {
        return new PeriodReport(product, number, start, end, days, dryRun, false, r.interestCollected(),
                r.principalCollected(), r.collected(), cumulativeDefaults, r.triggerBreached(), r.modeApplied(),
                r.trusteeFee(), r.servicingFee(), r.tranches(), r.residual(), r.paidOut(), r.cashCarried(), null);
    }

    PeriodReport asReplay() {
        return new PeriodReport(product, periodNumber, periodStart, periodEnd, days, false, true, interestCollected,
                principalCollected, collected, cumulativeDefaults, triggerBreached, principalModeApplied, trusteeFee,
                servicingFee, tranches, residual, paidOut, cashCarried, journalSeq);
    }

    PeriodReport withJournalSeq(long seq) {
        return new PeriodReport(product, periodNumber, periodStart, periodEnd, days, dryRun, replayed, interestCollected,
                principalCollected, collected, cumulativeDefaults, triggerBreached, principalModeApplied, trusteeFee,
                servicingFee, tranches, residual, paidOut, cashCarried, seq);
    }
}
