package org.ipledger.loan;

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
import org.ipledger.pledge.Pledge;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

/** A bank's loan to a borrower, secured by pledges. Its balances are derived from its events. */
@Entity
@Table(name = "loan")
public class Loan extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "lender_id")
    public Party lender;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "borrower_id")
    public Party borrower;

    public BigDecimal principal;

    public String currency = "CNY";

    @Column(name = "annual_rate")
    public BigDecimal annualRate;

    @Column(name = "disbursement_date")
    public LocalDate disbursementDate;

    @Column(name = "maturity_date")
    public LocalDate maturityDate;

    public String purpose;

    @Column(name = "inclusive_small_loan")
    public boolean inclusiveSmallLoan;

    @Column(name = "first_time_pledgor")
    public boolean firstTimePledgor;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "equity_investor_id")
    public Party equityInvestor;

    @Column(name = "equity_investment_amount")
    public BigDecimal equityInvestmentAmount;

    @Enumerated(EnumType.STRING)
    public LoanStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_class")
    public RiskClass riskClass = RiskClass.NORMAL;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Version
    public int version;

    @ManyToMany
    @JoinTable(name = "loan_pledge",
            joinColumns = @JoinColumn(name = "loan_id"),
            inverseJoinColumns = @JoinColumn(name = "pledge_id"))
    @OrderBy("id")
    public Set<Pledge> pledges = new LinkedHashSet<>();
}
