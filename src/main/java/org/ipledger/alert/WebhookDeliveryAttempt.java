package org.ipledger.alert;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One attempt to deliver: what the receiver answered, or why no answer came. Never updated. */
@Entity
@Table(name = "webhook_delivery_attempt")
public class WebhookDeliveryAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "delivery_id")
    public Long deliveryId;

    public int attempt;

    @Column(name = "attempted_at")
    public OffsetDateTime attemptedAt;

    @Column(name = "duration_ms")
    public int durationMs;

    @Column(name = "status_code")
    public Integer statusCode;

    public String error;

    public boolean succeeded;
}
