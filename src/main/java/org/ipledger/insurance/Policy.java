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
import org.ipledger.party.Party;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** An insurer's policy covering a share of a loan's principal loss, beside the government fund's share. */
@Entity
@Table(name = "insurance_policy")
public class Policy extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "policy_number")
    public String policyNumber;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "insurer_id")
    public Party insurer;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "loan_id")
    public Loan loan;

    @Column(name = "insurer_share")
    public BigDecimal insurerShare;

    @Column(name = "government_share")
    public BigDecimal governmentShare;

    public BigDecimal premium;

    @Column(name = "starts_on")
    public LocalDate startsOn;

    @Column(name = "ends_on")
    public LocalDate endsOn;

    @Enumerated(EnumType.STRING)
    public PolicyStatus status;

    @Column(name = "cancelled_on")
    public LocalDate cancelledOn;

    @Column(name = "cancellation_reason")
    public String cancellationReason;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Version
    public int version;
}
