package org.ipledger.loan;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A dated step in a loan's life. Never updated: corrections are new events. */
@Entity
@Table(name = "loan_event")
public class LoanEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "loan_id")
    public Long loanId;

    @Enumerated(EnumType.STRING)
    public LoanEventKind kind;

    @Column(name = "occurred_on")
    public LocalDate occurredOn;

    @Column(name = "principal_amount")
    public BigDecimal principalAmount = BigDecimal.ZERO.setScale(2);

    @Column(name = "interest_amount")
    public BigDecimal interestAmount = BigDecimal.ZERO.setScale(2);

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_class")
    public RiskClass riskClass;

    public String note;

    @Column(name = "outstanding_after")
    public BigDecimal outstandingAfter;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    @Column(name = "recorded_by")
    public String recordedBy;
}
