package org.ipledger.alert;

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

/**
 * One alert to one webhook: a row of the outbox. Written with the alert; moved by {@link DeliveryWorker}
 * (with plain SQL) and read here.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "DeliveryStatus")
    public enum Status {
        /** Waiting for its first attempt or for a retry at nextAttemptAt. */
        PENDING,
        /** The receiver answered 2xx. */
        DELIVERED,
        /** No 2xx after the last allowed attempt. */
        FAILED,
        /** The webhook was deactivated before the delivery succeeded. */
        CANCELLED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "webhook_id")
    public Long webhookId;

    @Column(name = "alert_id")
    public Long alertId;

    @Enumerated(EnumType.STRING)
    public Status status;

    public int attempts;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "last_attempt_at")
    public OffsetDateTime lastAttemptAt;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
