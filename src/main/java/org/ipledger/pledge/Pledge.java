package org.ipledger.pledge;

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
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.ipledger.party.Party;
import org.ipledger.registry.IpAsset;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A pledge of one or more assets by their holders (pledgors) to a bank (pledgee) for a secured
 * amount over a term. The pledge_asset rows are freed by a database trigger when the pledge ends.
 */
@Entity
@Table(name = "pledge")
public class Pledge extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The ledger's own registration number, given when filed. */
    @Column(name = "ledger_number")
    public String ledgerNumber;

    /** The IP office's registration number, recorded when it registers the pledge. */
    @Column(name = "office_number")
    public String officeNumber;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "pledgee_id")
    public Party pledgee;

    @ManyToMany
    @JoinTable(name = "pledge_pledgor",
            joinColumns = @JoinColumn(name = "pledge_id"),
            inverseJoinColumns = @JoinColumn(name = "party_id"))
    @OrderBy("id")
    public Set<Party> pledgors = new LinkedHashSet<>();

    @ManyToMany
    @JoinTable(name = "pledge_asset",
            joinColumns = @JoinColumn(name = "pledge_id"),
            inverseJoinColumns = @JoinColumn(name = "asset_id"))
    @OrderBy("id")
    public Set<IpAsset> assets = new LinkedHashSet<>();

    @Column(name = "secured_amount")
    public BigDecimal securedAmount;

    @Column(name = "term_starts_on")
    public LocalDate termStartsOn;

    @Column(name = "term_ends_on")
    public LocalDate termEndsOn;

    @Enumerated(EnumType.STRING)
    public PledgeStatus status;

    @Column(name = "invalidation_risk_acknowledged")
    public boolean invalidationRiskAcknowledged;

    @Column(name = "filed_at")
    public OffsetDateTime filedAt;

    @Column(name = "registered_on")
    public LocalDate registeredOn;

    @Column(name = "ended_on")
    public LocalDate endedOn;

    @Version
    public int version;
}
