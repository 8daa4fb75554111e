package org.ipledger.alert;

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
import org.ipledger.party.Party;

import java.time.OffsetDateTime;

/**
 * An alert to the lending bank. What it says ({@link AlertView.Content}) is kept as a JSON text as it
 * was when raised; only the acknowledgement changes afterwards.
 */
@Entity
@Table(name = "alert")
public class Alert extends PanacheEntityBase {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "AlertTriggerType")
    public enum TriggerType {
        /** A registrar's legal-status event on a pledged asset. */
        LEGAL_EVENT,
        /** An appraisal of a pledged asset. */
        VALUATION,
        /** The loan itself, when recorded against assets already at risk. */
        LOAN_RECORDED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "bank_id")
    public Party bank;

    @Column(name = "loan_id")
    public Long loanId;

    @Column(name = "asset_id")
    public Long assetId;

    @Enumerated(EnumType.STRING)
    public AlertKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_type")
    public TriggerType triggerType;

    @Column(name = "trigger_id")
    public Long triggerId;

    public String content;

    @Column(name = "raised_at")
    public OffsetDateTime raisedAt;

    @Column(name = "journal_seq")
    public Long journalSeq;

    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledgement_note")
    public String acknowledgementNote;
}
