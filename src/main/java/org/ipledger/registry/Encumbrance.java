package org.ipledger.registry;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A court freeze, ownership dispute or invalidation proceeding; open while {@code endedOn} is null. */
@Entity
@Table(name = "asset_encumbrance")
public class Encumbrance extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "asset_id")
    public Long assetId;

    @Enumerated(EnumType.STRING)
    public EncumbranceKind kind;

    @Column(name = "started_on")
    public LocalDate startedOn;

    @Column(name = "ended_on")
    public LocalDate endedOn;

    public String reference;
}
