package org.ipledger.registry;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.ipledger.party.Party;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

/** A patent, trademark or copyright in the register: its current state. History is in legal_event. */
@Entity
@Table(name = "ip_asset")
public class IpAsset extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public AssetKind kind;

    @Column(name = "registry_number")
    public String registryNumber;

    public String title;

    @Column(name = "filing_date")
    public LocalDate filingDate;

    @Column(name = "grant_date")
    public LocalDate grantDate;

    @Column(name = "expires_on")
    public LocalDate expiresOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "legal_status")
    public LegalStatus legalStatus;

    @Column(name = "mark_group")
    public String markGroup;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public int version;

    @ManyToMany
    @JoinTable(name = "asset_holder",
            joinColumns = @JoinColumn(name = "asset_id"),
            inverseJoinColumns = @JoinColumn(name = "party_id"))
    @OrderBy("id")
    public Set<Party> holders = new LinkedHashSet<>();

    public LegalStatus effectiveStatus(LocalDate today) {
        return LegalTerms.effective(legalStatus, expiresOn, today);
    }
}
