package org.ipledger.securitization;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** A tranche of a product; its balance, interest arrears and write-down move only when a period is recorded. */
@Entity
@Table(name = "sec_tranche")
public class ProductTranche extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "product_id")
    public Long productId;

    public String name;

    @Column(name = "seniority_rank")
    public int rank;

    @Column(name = "original_principal")
    public BigDecimal originalPrincipal;

    @Column(name = "coupon_rate")
    public BigDecimal couponRate;

    public String rating;

    public boolean subordinated;

    public BigDecimal balance;

    @Column(name = "interest_arrears")
    public BigDecimal interestArrears = BigDecimal.ZERO.setScale(2);

    /** Net principal written down for losses the collections did not cover. */
    @Column(name = "written_down")
    public BigDecimal writtenDown = BigDecimal.ZERO.setScale(2);
}
