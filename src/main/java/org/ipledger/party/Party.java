package org.ipledger.party;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An enterprise, bank, insurer, issuer or trustee, identified by its unified social credit code. */
@Entity
@Table(name = "party")
public class Party extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public PartyKind kind;

    public String name;

    @Column(name = "credit_code")
    public String creditCode;

    @Enumerated(EnumType.STRING)
    public District district;

    @Enumerated(EnumType.STRING)
    public Industry industry;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;
}
