package org.ipledger.securitization;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.party.PartyRef;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The trustee's report of one payment period: what the pool collected and how it was paid out, and
 * the losses written down. Reports recorded before loss allocation existed lack those members.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PeriodReport(ProductRef product, int periodNumber, LocalDate periodStart, LocalDate periodEnd, long days,
                           @Schema(description = "True: computed only, nothing recorded") boolean dryRun,
                           @Schema(description = "True: this period was recorded before; this is that record, "
                                   + "nothing was paid again") boolean replayed,
                           @Schema(description = "Interest collected, prior-period collections included")
                           BigDecimal interestCollected,
                           @Schema(description = "Principal collected (every licence receipt is principal), prior-period "
                                   + "collections included") BigDecimal principalCollected,
                           BigDecimal collected,
                           @Schema(description = "Part of collected dated in an earlier, already recorded period but "
                                   + "recorded after it was run: paid out now, never in that period")
                           BigDecimal priorPeriodCollected,
                           @Schema(description = "Those prior-period collections one by one, with their dates")
                           List<Collection> priorPeriodCollections,
                           @Schema(description = "Outstanding principal at DEFAULT of pool loans, and outstanding amount "
                                   + "of pool receivables at write-off, up to the period end")
                           BigDecimal cumulativeDefaults,
                           boolean triggerBreached, Waterfall.PrincipalMode principalModeApplied,
                           Waterfall.FeeLine trusteeFee, Waterfall.FeeLine servicingFee,
                           @Schema(description = "Outstanding balance of the pool's performing loans and receivables at "
                                   + "the period end") BigDecimal performingPool,
                           @Schema(description = "What the tranches exceeded the performing pool by after scheduled "
                                   + "principal") BigDecimal principalDeficiency,
                           @Schema(description = "Part of the deficiency paid as principal from cash left after interest")
                           BigDecimal deficiencyCovered,
                           @Schema(description = "Part of the deficiency written off the tranches, most junior first")
                           BigDecimal writtenDown,
                           @Schema(description = "Earlier write-downs restored on recoveries, most senior first")
                           BigDecimal writtenBack,
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

    @Schema(name = "PeriodCollectionSource")
    public enum CollectionSource { LOAN_EVENT, RECEIPT }

    /** One collection: a loan's REPAYMENT or FULL_REPAYMENT event, or a receipt on a licence receivable. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PeriodCollection")
    public record Collection(CollectionSource source,
                             @Schema(description = "The loan event's or the receipt's id") long sourceId,
                             Long loanId, Long receivableId, LocalDate occurredOn, BigDecimal interest,
                             BigDecimal principal) {

        static Collection of(CollectionSource source, long sourceId, long ownerId, LocalDate on, BigDecimal interest,
                             BigDecimal principal) {
            return new Collection(source, sourceId, source == CollectionSource.LOAN_EVENT ? ownerId : null,
                    source == CollectionSource.RECEIPT ? ownerId : null, on, interest, principal);
        }
    }

    static PeriodReport of(ProductRef product, int number, LocalDate start, LocalDate end, long days, boolean dryRun,
                           BigDecimal cumulativeDefaults, BigDecimal priorCollected, List<Collection> prior,
                           Waterfall.Result r) {
        Waterfall.Losses l = r.losses();
        return new PeriodReport(product, number, start, end, days, dryRun, false, r.interestCollected(),
                r.principalCollected(), r.collected(), priorCollected, prior, cumulativeDefaults, r.triggerBreached(),
                r.modeApplied(), r.trusteeFee(), r.servicingFee(), l.performingPool(), l.principalDeficiency(),
                l.coveredByCash(), l.writtenDown(), l.writtenBack(), r.tranches(), r.residual(), r.paidOut(),
                r.cashCarried(), null);
    }

    PeriodReport asReplay() {
        return new PeriodReport(product, periodNumber, periodStart, periodEnd, days, false, true, interestCollected,
                principalCollected, collected, priorPeriodCollected, priorPeriodCollections, cumulativeDefaults,
                triggerBreached, principalModeApplied, trusteeFee, servicingFee, performingPool, principalDeficiency,
                deficiencyCovered, writtenDown, writtenBack, tranches, residual, paidOut, cashCarried, journalSeq);
    }

    PeriodReport withJournalSeq(long seq) {
        return new PeriodReport(product, periodNumber, periodStart, periodEnd, days, dryRun, replayed, interestCollected,
                principalCollected, collected, priorPeriodCollected, priorPeriodCollections, cumulativeDefaults,
                triggerBreached, principalModeApplied, trusteeFee, servicingFee, performingPool, principalDeficiency,
                deficiencyCovered, writtenDown, writtenBack, tranches, residual, paidOut, cashCarried, seq);
    }
}
