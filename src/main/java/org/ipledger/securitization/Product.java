package org.ipledger.securitization;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.ipledger.party.Party;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A securitization product: an issuer's tranches backed by a pool of ledger loans and licence receivables, run by a trustee. */
@Entity
@Table(name = "sec_product")
public class Product extends PanacheEntityBase {

    public enum LegalForm { ASSET_BACKED_SPECIAL_PLAN, ASSET_BACKED_NOTE }

    public enum PaymentFrequency {
        MONTHLY(1), QUARTERLY(3);

        public final int months;

        PaymentFrequency(int months) {
            this.months = months;
        }
    }

    public enum Status { LIVE, RETIRED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "issuer_id")
    public Party issuer;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "trustee_id")
    public Party trustee;

    @Enumerated(EnumType.STRING)
    @Column(name = "legal_form")
    public LegalForm legalForm;

    @Column(name = "issue_date")
    public LocalDate issueDate;

    @Column(name = "legal_maturity")
    public LocalDate legalMaturity;

    @Enumerated(EnumType.STRING)
    @Column(name = "payment_frequency")
    public PaymentFrequency paymentFrequency;

    @Column(name = "trustee_fee_rate")
    public BigDecimal trusteeFeeRate;

    @Column(name = "servicing_fee_rate")
    public BigDecimal servicingFeeRate;

    @Enumerated(EnumType.STRING)
    @Column(name = "principal_mode")
    public Waterfall.PrincipalMode principalMode;

    @Column(name = "default_trigger")
    public BigDecimal defaultTrigger;

    @Column(name = "original_pool")
    public BigDecimal originalPool;

    @Column(name = "trustee_fee_arrears")
    public BigDecimal trusteeFeeArrears = BigDecimal.ZERO.setScale(2);

    @Column(name = "servicing_fee_arrears")
    public BigDecimal servicingFeeArrears = BigDecimal.ZERO.setScale(2);

    @Column(name = "periods_recorded")
    public int periodsRecorded;

    @Enumerated(EnumType.STRING)
    public Status status = Status.LIVE;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Version
    public int version;

    /** The end of payment period {@code n} (1 is the first): the issue date plus n months or quarters. */
    public LocalDate periodEnd(int n) {
        return issueDate.plusMonths((long) paymentFrequency.months * n);
    }
}
