package org.ipledger.alert;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.ipledger.party.Party;

import java.time.OffsetDateTime;

/** A bank's endpoint for alerts. Deactivated, never deleted: its delivery history stays readable. */
@Entity
@Table(name = "webhook")
public class Webhook extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "bank_id")
    public Party bank;

    public String url;

    public String description;

    /** Signs every delivery; shown to the bank once, in the answer to the registration. */
    public String secret;

    public boolean active = true;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "deactivated_at")
    public OffsetDateTime deactivatedAt;

    @Column(name = "deactivated_by")
    public String deactivatedBy;
}
