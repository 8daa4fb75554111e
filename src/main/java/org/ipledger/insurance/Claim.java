package org.ipledger.insurance;

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
import org.ipledger.loan.Loan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The lending bank's claim on a defaulted loan's policy, assessed and paid (or rejected) by the insurer. */
@Entity
@Table(name = "insurance_claim")
public class Claim extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "policy_id")
    public Policy policy;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "loan_id")
    public Loan loan;

    @Enumerated(EnumType.STRING)
    public ClaimStatus status;

    @Column(name = "amount_claimed")
    public BigDecimal amountClaimed;

    @Column(name = "filed_on")
    public LocalDate filedOn;

    @Column(name = "defaulted_on")
    public LocalDate defaultedOn;

    @Column(name = "outstanding_at_default")
    public BigDecimal outstandingAtDefault;

    @Column(name = "insurer_share")
    public BigDecimal insurerShare;

    @Column(name = "government_share")
    public BigDecimal governmentShare;

    public String note;

    @Column(name = "assessed_loss")
    public BigDecimal assessedLoss;

    @Column(name = "insurer_part")
    public BigDecimal insurerPart;

    @Column(name = "government_part")
    public BigDecimal governmentPart;

    @Column(name = "bank_part")
    public BigDecimal bankPart;

    @Column(name = "assessed_on")
    public LocalDate assessedOn;

    @Column(name = "paid_on")
    public LocalDate paidOn;

    @Column(name = "rejected_on")
    public LocalDate rejectedOn;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    @Column(name = "filed_at")
    public OffsetDateTime filedAt;

    @Column(name = "filed_by")
    public String filedBy;

    @Version
    public int version;
}
