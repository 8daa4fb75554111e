package org.ipledger.securitization;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.party.PartyRef;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

// No is-getters: Jackson would otherwise read issuer() as a getter of "suer".
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductView(long id, String name, PartyRef issuer, PartyRef trustee, Product.LegalForm legalForm,
                          LocalDate issueDate, LocalDate legalMaturity, Product.PaymentFrequency paymentFrequency,
                          @Schema(type = SchemaType.STRING, examples = "0.001") BigDecimal trusteeFeeRate,
                          @Schema(type = SchemaType.STRING, examples = "0.002") BigDecimal servicingFeeRate,
                          Waterfall.PrincipalMode principalMode,
                          @Schema(type = SchemaType.STRING, examples = "0.05") BigDecimal defaultTrigger,
                          @Schema(description = "Outstanding principal of the pool's loans and outstanding amount of its "
                                  + "receivables when the product was recorded")
                          BigDecimal originalPool,
                          BigDecimal trusteeFeeArrears, BigDecimal servicingFeeArrears, int periodsRecorded,
                          @Schema(description = "The end of the next period to run") LocalDate nextPeriodEnd,
                          Product.Status status,
                          @Schema(description = "The pool's loans") List<PoolLoan> pool,
                          @Schema(description = "The pool's licence receivables") List<PoolReceivable> receivables,
                          List<TrancheView> tranches,
                          OffsetDateTime createdAt, Long journalSeq) {

    public record PoolLoan(long loanId, PartyRef lender, BigDecimal outstandingAtCutoff) {
    }

    public record PoolReceivable(long receivableId, String contractNumber, PartyRef licensor, PartyRef obligor,
                                 BigDecimal outstandingAtCutoff) {
    }

    public record TrancheView(long id, String name, int rank, BigDecimal originalPrincipal,
                              @Schema(type = SchemaType.STRING, examples = "0.028") BigDecimal couponRate,
                              String rating, boolean subordinated, BigDecimal balance, BigDecimal interestArrears,
                              @Schema(description = "Net principal written down for losses") BigDecimal writtenDown) {

        static TrancheView of(ProductTranche t) {
            return new TrancheView(t.id, t.name, t.rank, t.originalPrincipal, rate(t.couponRate), t.rating, t.subordinated,
                    t.balance, t.interestArrears, t.writtenDown);
        }
    }

    static ProductView of(Product p, List<PoolLoan> pool, List<PoolReceivable> receivables, List<ProductTranche> tranches) {
        return new ProductView(p.id, p.name, PartyRef.of(p.issuer), PartyRef.of(p.trustee), p.legalForm, p.issueDate,
                p.legalMaturity, p.paymentFrequency, rate(p.trusteeFeeRate), rate(p.servicingFeeRate), p.principalMode,
                rate(p.defaultTrigger), p.originalPool, p.trusteeFeeArrears, p.servicingFeeArrears, p.periodsRecorded,
                p.periodEnd(p.periodsRecorded + 1), p.status, pool, receivables,
                tranches.stream().map(TrancheView::of).toList(), p.createdAt, null);
    }

    /** 0.001000 as stored reads 0.001. */
    static BigDecimal rate(BigDecimal rate) {
        BigDecimal r = rate.stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    public ProductView withJournalSeq(long seq) {
        return new ProductView(id, name, issuer, trustee, legalForm, issueDate, legalMaturity, paymentFrequency,
                trusteeFeeRate, servicingFeeRate, principalMode, defaultTrigger, originalPool, trusteeFeeArrears,
                servicingFeeArrears, periodsRecorded, nextPeriodEnd, status, pool, receivables, tranches, createdAt, seq);
    }
}
