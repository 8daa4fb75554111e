package org.ipledger.loan;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ipledger.alert.AlertService;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.FieldError;
import org.ipledger.common.Idempotency;
import org.ipledger.common.Money;
import org.ipledger.common.Page;
import org.ipledger.journal.Journal;
import org.ipledger.journal.JournalAction;
import org.ipledger.party.Party;
import org.ipledger.party.PartyKind;
import org.ipledger.party.PartyRef;
import org.ipledger.party.PartyRepository;
import org.ipledger.pledge.Pledge;
import org.ipledger.pledge.PledgeRepository;
import org.ipledger.pledge.PledgeService;
import org.ipledger.pledge.PledgeStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Loans secured by pledges: recorded by the lending bank, then moved by dated events. */
@ApplicationScoped
public class LoanService {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final LoanRepository loans;
    private final PartyRepository parties;
    private final PledgeRepository pledgeRepository;
    private final PledgeService pledges;
    private final InclusiveLoanThresholds inclusive;
    private final Journal journal;
    private final Idempotency idempotency;
    private final AlertService alerts;

    public LoanService(LoanRepository loans, PartyRepository parties, PledgeRepository pledgeRepository,
                       PledgeService pledges, InclusiveLoanThresholds inclusive, Journal journal, Idempotency idempotency,
                       AlertService alerts) {
        this.loans = loans;
        this.parties = parties;
        this.pledgeRepository = pledgeRepository;
        this.pledges = pledges;
        this.inclusive = inclusive;
        this.journal = journal;
        this.idempotency = idempotency;
        this.alerts = alerts;
    }

    // ---- recording a loan ---------------------------------------------------------------------

    @WithTransaction
    public Uni<LoanView> record(Caller caller, LoanInputs.Creation in, String idempotencyKey) {
        if (caller.bankId() != in.lenderId()) {
            throw ApiProblem.forbidden("a bank records only its own loans (party " + caller.bankId() + ")");
        }
        BigDecimal principal = Money.cny(in.principal(), "principal");
        BigDecimal equity = in.equityInvestment() == null ? null
                : Money.cny(in.equityInvestment().amount(), "equityInvestment.amount");
        List<FieldError> errors = new ArrayList<>();
        if (!in.maturityDate().isAfter(in.disbursementDate())) {
            errors.add(new FieldError("maturityDate", "must be after disbursementDate"));
        }
        if (new HashSet<>(in.pledgeIds()).size() != in.pledgeIds().size()) {
            errors.add(new FieldError("pledgeIds", "names a pledge twice"));
        }
        if (in.borrowerId().equals(in.lenderId())) {
            errors.add(new FieldError("borrowerId", "must not be the lender"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        Set<Long> partyIds = new HashSet<>(List.of(in.lenderId(), in.borrowerId()));
        if (in.equityInvestment() != null) {
            partyIds.add(in.equityInvestment().investorId());
        }
        return idempotency.once(caller, "record-loan", idempotencyKey, in, LoanView.class, () -> parties
                .findByIds(partyIds)
                .flatMap(found -> {
                    Map<Long, Party> byId = found.stream().collect(Collectors.toMap(p -> p.id, p -> p));
                    checkParties(in, byId);
                    return pledgeRepository.list("from Pledge p join fetch p.pledgee where p.id in ?1", in.pledgeIds())
                            .flatMap(found2 -> checkPledges(in, found2))
                            .flatMap(securing -> loans.hasPledgedBefore(in.borrowerId(), in.pledgeIds())
                                    .flatMap(pledgedBefore -> {
                                        Loan loan = new Loan();
                                        loan.lender = byId.get(in.lenderId());
                                        loan.borrower = byId.get(in.borrowerId());
                                        loan.principal = principal;
                                        loan.annualRate = in.annualRate();
                                        loan.disbursementDate = in.disbursementDate();
                                        loan.maturityDate = in.maturityDate();
                                        loan.purpose = in.purpose().strip();
                                        loan.inclusiveSmallLoan = inclusive.isInclusive(principal, in.disbursementDate());
                                        loan.firstTimePledgor = !pledgedBefore;
                                        if (in.equityInvestment() != null) {
                                            loan.equityInvestor = byId.get(in.equityInvestment().investorId());
                                            loan.equityInvestmentAmount = equity;
                                        }
                                        loan.status = LoanStatus.CONTRACTED;
                                        loan.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
                                        loan.pledges.addAll(securing);
                                        return loan.<Loan>persistAndFlush()
                                                .flatMap(l -> journalled(caller, l, List.of(), JournalAction.LOAN_RECORDED, null))
                                                .call(view -> alerts.loanRecorded(caller, view.id()));
                                    }));
                }));
    }

    private static void checkParties(LoanInputs.Creation in, Map<Long, Party> byId) {
        List<FieldError> errors = new ArrayList<>();
        Party lender = byId.get(in.lenderId());
        if (lender == null || lender.kind != PartyKind.BANK) {
            errors.add(new FieldError("lenderId", "party " + in.lenderId() + " is not a registered BANK"));
        }
        if (!byId.containsKey(in.borrowerId())) {
            errors.add(new FieldError("borrowerId", "party " + in.borrowerId() + " does not exist"));
        }
        if (in.equityInvestment() != null && !byId.containsKey(in.equityInvestment().investorId())) {
            errors.add(new FieldError("equityInvestment.investorId", "party " + in.equityInvestment().investorId()
                    + " does not exist"));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(422, "unknown-or-unfit-party", "Refused by a ledger rule",
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
        }
    }

    private Uni<List<Pledge>> checkPledges(LoanInputs.Creation in, List<Pledge> found) {
        Map<Long, Pledge> byId = found.stream().collect(Collectors.toMap(p -> p.id, p -> p));
        List<FieldError> errors = new ArrayList<>();
        for (Long id : in.pledgeIds()) {
            Pledge p = byId.get(id);
            if (p == null) {
                errors.add(new FieldError("pledgeIds", "pledge " + id + " does not exist"));
            } else if (!p.pledgee.id.equals(in.lenderId())) {
                errors.add(new FieldError("pledgeIds", "pledge " + p.ledgerNumber + " is to another bank, not the lender"));
            } else if (!p.status.isLive()) {
                errors.add(new FieldError("pledgeIds", "pledge " + p.ledgerNumber + " is " + p.status + ", not PENDING or ACTIVE"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(422, "pledge-cannot-secure-loan", "Refused by a ledger rule",
                    errors.stream().map(FieldError::message).collect(Collectors.joining("; ")), errors);
        }
        return loans.alreadySecuring(in.pledgeIds()).map(taken -> {
            if (!taken.isEmpty()) {
                throw ApiProblem.conflict("pledge-already-secures-a-loan", "pledges " + taken.stream().sorted().toList()
                        + " already secure another loan; a pledge secures one loan").with("pledgeIds", taken);
            }
            return in.pledgeIds().stream().map(byId::get).toList();
        });
    }

    // ---- events -------------------------------------------------------------------------------

    @WithTransaction
    public Uni<LoanView> recordEvent(Caller caller, long id, LoanInputs.Event in, String idempotencyKey) {
        record Keyed(long id, LoanInputs.Event in) {
        }
        return idempotency.once(caller, "loan-event", idempotencyKey, new Keyed(id, in), LoanView.class,
                () -> loans.lock(id).flatMap(loan -> {
                    if (loan == null || caller.bankId() != loan.lender.id) {
                        throw ApiProblem.notFound("loan", id);
                    }
                    return loans.events(id).flatMap(events -> apply(caller, loan, events, in));
                }));
    }

    private Uni<LoanView> apply(Caller caller, Loan loan, List<LoanEvent> events, LoanInputs.Event in) {
        if (loan.status.isClosed()) {
            throw ApiProblem.conflict("loan-closed", "loan " + loan.id + " is " + loan.status + "; it takes no more events");
        }
        LocalDate last = events.isEmpty() ? loan.disbursementDate : events.get(events.size() - 1).occurredOn;
        if (in.occurredOn().isBefore(last) || in.occurredOn().isBefore(loan.disbursementDate)) {
            throw new ApiProblem(422, "event-out-of-order", "Refused by a ledger rule",
                    "occurredOn " + in.occurredOn() + " is before the loan's last event or disbursement date (" + last + ")",
                    List.of(new FieldError("occurredOn", "must not be before " + last)));
        }
        Balances before = Balances.of(events);
        LoanEvent e = new LoanEvent();
        e.loanId = loan.id;
        e.kind = in.kind();
        e.occurredOn = in.occurredOn();
        e.note = in.note();
        e.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
        e.recordedBy = caller.actor();
        boolean closesByRepayment = false;
        switch (in.kind()) {
            case DISBURSEMENT -> {
                absent(in.interestAmount(), "interestAmount", in.kind());
                absent(in.riskClass(), "riskClass", in.kind());
                requireStatus(loan, in.kind(), LoanStatus.CONTRACTED, LoanStatus.ACTIVE);
                e.principalAmount = Money.cny(in.principalAmount(), "principalAmount");
                if (before.disbursed().add(e.principalAmount).compareTo(loan.principal) > 0) {
                    throw refused("disbursement-exceeds-principal", "principalAmount", "disbursing " + e.principalAmount
                            + " would take the total disbursed above the principal " + loan.principal);
                }
                loan.status = LoanStatus.ACTIVE;
            }
            case REPAYMENT -> {
                absent(in.riskClass(), "riskClass", in.kind());
                requireStatus(loan, in.kind(), LoanStatus.ACTIVE, LoanStatus.DEFAULTED);
                e.principalAmount = amountOrZero(in.principalAmount(), "principalAmount");
                e.interestAmount = amountOrZero(in.interestAmount(), "interestAmount");
                if (e.principalAmount.signum() == 0 && e.interestAmount.signum() == 0) {
                    throw ApiProblem.invalidFields(List.of(new FieldError("principalAmount", "or interestAmount must be greater than 0")));
                }
                if (e.principalAmount.compareTo(before.outstanding()) > 0) {
                    throw refused("repayment-exceeds-balance", "principalAmount", "repaying " + e.principalAmount
                            + " exceeds the outstanding principal " + before.outstanding());
                }
                closesByRepayment = e.principalAmount.signum() > 0 && e.principalAmount.compareTo(before.outstanding()) == 0;
            }
            case FULL_REPAYMENT -> {
                absent(in.riskClass(), "riskClass", in.kind());
                requireStatus(loan, in.kind(), LoanStatus.ACTIVE, LoanStatus.DEFAULTED);
                if (in.principalAmount() != null
                        && Money.cny(in.principalAmount(), "principalAmount").compareTo(before.outstanding()) != 0) {
                    throw refused("full-repayment-mismatch", "principalAmount", "the outstanding principal is "
                            + before.outstanding() + ", not " + in.principalAmount());
                }
                e.principalAmount = before.outstanding();
                e.interestAmount = amountOrZero(in.interestAmount(), "interestAmount");
                closesByRepayment = true;
            }
            case RISK_CLASSIFICATION -> {
                absent(in.principalAmount(), "principalAmount", in.kind());
                absent(in.interestAmount(), "interestAmount", in.kind());
                if (in.riskClass() == null) {
                    throw ApiProblem.invalidField("riskClass", "is required for RISK_CLASSIFICATION");
                }
                e.riskClass = in.riskClass();
                loan.riskClass = in.riskClass();
            }
            case DEFAULT -> {
                absent(in.principalAmount(), "principalAmount", in.kind());
                absent(in.interestAmount(), "interestAmount", in.kind());
                absent(in.riskClass(), "riskClass", in.kind());
                requireStatus(loan, in.kind(), LoanStatus.ACTIVE);
                loan.status = LoanStatus.DEFAULTED;
            }
            case WRITE_OFF -> {
                absent(in.interestAmount(), "interestAmount", in.kind());
                absent(in.riskClass(), "riskClass", in.kind());
                requireStatus(loan, in.kind(), LoanStatus.DEFAULTED);
                if (in.principalAmount() != null
                        && Money.cny(in.principalAmount(), "principalAmount").compareTo(before.outstanding()) != 0) {
                    throw refused("write-off-mismatch", "principalAmount", "a write-off takes the whole outstanding principal "
                            + before.outstanding());
                }
                e.principalAmount = before.outstanding();
                loan.status = LoanStatus.WRITTEN_OFF;
            }
        }
        List<LoanEvent> after = new ArrayList<>(events);
        after.add(e);
        e.outstandingAfter = Balances.of(after).outstanding();
        if (closesByRepayment) {
            loan.status = LoanStatus.REPAID;
        }
        Uni<Void> releases = closesByRepayment ? releasePledges(caller, loan, in.occurredOn()) : Uni.createFrom().voidItem();
        return releases
                .flatMap(x -> e.persist())
                .call(() -> Panache.getSession().flatMap(s -> s.flush()))
                .flatMap(x -> journalled(caller, loan, after, JournalAction.LOAN_EVENT_RECORDED, LoanView.EventView.of(e)));
    }

    /** Full repayment releases the loan's pledges in the same transaction; a pledge still PENDING blocks it. */
    private Uni<Void> releasePledges(Caller caller, Loan loan, LocalDate on) {
        List<Pledge> blocking = loan.pledges.stream().filter(p -> p.status == PledgeStatus.PENDING).toList();
        if (!blocking.isEmpty()) {
            throw ApiProblem.conflict("pledge-release-blocked", "pledges " + blocking.stream().map(p -> p.ledgerNumber).toList()
                    + " are still PENDING at the IP office and cannot be released; have the registration completed or "
                    + "refused first. Nothing was recorded.");
        }
        List<Pledge> registeredLater = loan.pledges.stream()
                .filter(p -> p.status == PledgeStatus.ACTIVE && on.isBefore(p.registeredOn)).toList();
        if (!registeredLater.isEmpty()) {
            throw new ApiProblem(422, "pledge-release-blocked", "Refused by a ledger rule", "pledges "
                    + registeredLater.stream().map(p -> p.ledgerNumber + " (registered " + p.registeredOn + ")").toList()
                    + " cannot be released on " + on + ", before their registration. Nothing was recorded.",
                    List.of(new FieldError("occurredOn", "must not be before the pledges' registration")));
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Pledge p : loan.pledges) {
            if (p.status == PledgeStatus.ACTIVE) {
                chain = chain.chain(() -> pledges.lock(p.id)
                        .flatMap(locked -> pledges.releaseLocked(caller, locked, on, "loan " + loan.id + " repaid in full"))
                        .replaceWithVoid());
            }
        }
        return chain;
    }

    private Uni<LoanView> journalled(Caller caller, Loan loan, List<LoanEvent> events, JournalAction action,
                                     LoanView.EventView event) {
        LoanView view = view(loan, events, true);
        Object state = event == null ? view : Map.of("event", event, "loan", view);
        return loans.assetIdsOf(loan.id)
                .flatMap(assets -> journal.append(caller, action, "LOAN", loan.id, assets, state))
                .map(view::withJournalSeq);
    }

    private static void requireStatus(Loan loan, LoanEventKind kind, LoanStatus... allowed) {
        for (LoanStatus s : allowed) {
            if (loan.status == s) {
                return;
            }
        }
        throw ApiProblem.conflict("loan-state-conflict", kind + " cannot be recorded on a " + loan.status + " loan")
                .with("status", loan.status);
    }

    private static void absent(Object value, String field, LoanEventKind kind) {
        if (value != null) {
            throw ApiProblem.invalidField(field, "must be absent for " + kind);
        }
    }

    private static BigDecimal amountOrZero(BigDecimal amount, String field) {
        if (amount == null || amount.signum() == 0) {
            if (amount != null && amount.stripTrailingZeros().scale() > Money.SCALE) {
                throw ApiProblem.invalidField(field, "must not have more than 2 decimal places (fen)");
            }
            return ZERO;
        }
        return Money.cny(amount, field);
    }

    private static ApiProblem refused(String code, String field, String detail) {
        return new ApiProblem(422, code, "Refused by a ledger rule", detail, List.of(new FieldError(field, detail)));
    }

    // ---- reads --------------------------------------------------------------------------------

    @WithSession
    public Uni<LoanView> get(Caller caller, long id) {
        return loans.findFull(id).flatMap(loan -> {
            if (loan == null || (caller.scopedToOwnOrg() && caller.bankId() != loan.lender.id)) {
                throw ApiProblem.notFound("loan", id);
            }
            return loans.events(id).map(events -> view(loan, events, true));
        });
    }

    @WithSession
    public Uni<Page<LoanView>> search(Caller caller, Long lenderId, Long borrowerId, LoanStatus status,
                                      LocalDate disbursedFrom, LocalDate disbursedTo, int page, int size) {
        Long lender = lenderId;
        if (caller.scopedToOwnOrg()) {
            if (lenderId != null && lenderId != caller.bankId()) {
                throw ApiProblem.forbidden("a bank sees only its own loans");
            }
            lender = caller.bankId();
        }
        return loans.search(lender, borrowerId, status, disbursedFrom, disbursedTo, page, size)
                .flatMap(p -> loans.events(p.items().stream().map(l -> l.id).toList()).map(events -> {
                    Map<Long, List<LoanEvent>> byLoan = events.stream().collect(Collectors.groupingBy(e -> e.loanId));
                    return p.map(l -> view(l, byLoan.getOrDefault(l.id, List.of()), false));
                }));
    }

    static LoanView view(Loan l, List<LoanEvent> events, boolean withEvents) {
        Balances b = Balances.of(events);
        return new LoanView(l.id, PartyRef.of(l.lender), PartyRef.of(l.borrower), l.principal, l.currency, l.annualRate,
                l.disbursementDate, l.maturityDate, l.purpose, l.inclusiveSmallLoan, l.firstTimePledgor,
                l.equityInvestor == null ? null : new LoanView.Equity(PartyRef.of(l.equityInvestor), l.equityInvestmentAmount),
                l.pledges.stream().map(p -> new LoanView.SecuringPledge(p.id, p.ledgerNumber, p.status)).toList(),
                l.status, l.riskClass, b.disbursed(), b.principalRepaid(), b.interestRepaid(), b.writtenOff(),
                b.outstanding(), l.createdAt, withEvents ? events.stream().map(LoanView.EventView::of).toList() : null,
                null);
    }
}
