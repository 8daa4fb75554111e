package org.ipledger.pledge;

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

/** A dated step in a pledge's life; amendments carry the new amount or term. Never updated. */
@Entity
@Table(name = "pledge_event")
public class PledgeEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "pledge_id")
    public Long pledgeId;

    @Enumerated(EnumType.STRING)
    public PledgeEventKind kind;

    @Column(name = "occurred_on")
    public LocalDate occurredOn;

    @Column(name = "secured_amount")
    public BigDecimal securedAmount;

    @Column(name = "term_ends_on")
    public LocalDate termEndsOn;

    @Column(name = "office_number")
    public String officeNumber;

    public String reason;

    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    @Column(name = "recorded_by")
    public String recordedBy;
}
