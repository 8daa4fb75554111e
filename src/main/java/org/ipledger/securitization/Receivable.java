package org.ipledger.securitization;

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
import org.ipledger.party.Party;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A patent-licence fee receivable: what the obligor (licensee) owes the licensor under a licence of
 * ledger assets, due by a schedule. Recorded by the issuer that may pool it; receipts reduce it.
 */
@Entity
@Table(name = "sec_receivable")
public class Receivable extends PanacheEntityBase {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "ReceivableStatus")
    public enum Status { PERFORMING, PAID, WRITTEN_OFF }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "issuer_id")
    public Party issuer;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "licensor_id")
    public Party licensor;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "obligor_id")
    public Party obligor;

    @Column(name = "contract_number")
    public String contractNumber;

    @Column(name = "total_amount")
    public BigDecimal totalAmount;

    public BigDecimal received = BigDecimal.ZERO.setScale(2);

    @Enumerated(EnumType.STRING)
    public Status status = Status.PERFORMING;

    @Column(name = "written_off_on")
    public LocalDate writtenOffOn;

    @Column(name = "written_off_amount")
    public BigDecimal writtenOffAmount;

    @Column(name = "write_off_reason")
    public String writeOffReason;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Version
    public int version;

    public BigDecimal outstanding() {
        return totalAmount.subtract(received);
    }
}
