package org.ipledger.insurance;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.FieldError;
import org.ipledger.common.Idempotency;
import org.ipledger.common.Money;
import org.ipledger.common.Page;
import org.ipledger.journal.Journal;
import org.ipledger.journal.JournalAction;
import org.ipledger.loan.Loan;
import org.ipledger.loan.LoanEvent;
import org.ipledger.loan.LoanEventKind;
import org.ipledger.loan.LoanRepository;
import org.ipledger.loan.LoanStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Claims on a defaulted loan's policy: filed by the lending bank, then assessed and paid, or rejected,
 * by the insurer. FILED → ASSESSED → PAID, or FILED → REJECTED. The assessment fixes the loss split.
 */
@ApplicationScoped
public class ClaimService {

    private final ClaimRepository claims;
    private final PolicyRepository policies;
    private final LoanRepository loans;
    private final Journal journal;
    private final Idempotency idempotency;

    public ClaimService(ClaimRepository claims, PolicyRepository policies, LoanRepository loans, Journal journal,
                        Idempotency idempotency) {
        this.claims = claims;
        this.policies = policies;
        this.loans = loans;
        this.journal = journal;
        this.idempotency = idempotency;
    }

    // ---- filing (the lending bank) ------------------------------------------------------------

    @WithTransaction
    public Uni<ClaimView> file(Caller caller, InsuranceInputs.NewClaim in, String idempotencyKey) {
        long bank = caller.bankId();
        BigDecimal amount = Money.cny(in.amountClaimed(), "amountClaimed");
        return idempotency.once(caller, "file-claim", idempotencyKey, in, ClaimView.class,
                // Loan first, then its policy: the order every writer of both takes.
                () -> loans.lock(in.loanId()).flatMap(loan -> {
                    if (loan == null || loan.lender.id != bank) {
                        throw PolicyService.unknownLoan(in.loanId(), "is not a loan of yours");
                    }
                    if (loan.status != LoanStatus.DEFAULTED && loan.status != LoanStatus.WRITTEN_OFF) {
                        throw ApiProblem.conflict("loan-not-defaulted", "loan " + loan.id + " is " + loan.status
                                + "; a claim is filed on a DEFAULTED or WRITTEN_OFF loan").with("status", loan.status);
                    }
                    return policies.lockLiveFor(loan.id).flatMap(policy -> {
                        if (policy == null) {
                            throw ApiProblem.unprocessable("loan-not-insured", "loan " + loan.id + " has no live policy");
                        }
                        return claims.openOn(loan.id).flatMap(open -> {
                            if (open != null) {
                                throw ApiProblem.conflict("claim-already-filed", "loan " + loan.id + " already has claim "
                                        + open.id + " (" + open.status + "); a loan's loss is claimed once")
                                        .with("claimId", open.id);
                            }
                            return loans.events(loan.id).flatMap(events -> persist(caller, in, amount, loan, policy, events));
                        });
                    });
                }));
    }

    private Uni<ClaimView> persist(Caller caller, InsuranceInputs.NewClaim in, BigDecimal amount, Loan loan, Policy policy,
                                   List<LoanEvent> events) {
        LoanEvent defaulted = events.stream().filter(e -> e.kind == LoanEventKind.DEFAULT)
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("loan " + loan.id + " is " + loan.status + " without a DEFAULT event"));
        if (defaulted.occurredOn.isBefore(policy.startsOn) || defaulted.occurredOn.isAfter(policy.endsOn)) {
            throw ApiProblem.unprocessable("default-outside-policy-term", "loan " + loan.id + " defaulted on "
                    + defaulted.occurredOn + ", outside the term of policy " + policy.policyNumber + " ("
                    + policy.startsOn + " to " + policy.endsOn + ")");
        }
        if (in.filedOn().isBefore(defaulted.occurredOn)) {
            throw ApiProblem.invalidField("filedOn", "must not be before the loan's default on " + defaulted.occurredOn);
        }
        if (amount.compareTo(defaulted.outstandingAfter) > 0) {
            throw refused("claim-exceeds-outstanding", "amountClaimed", "claiming " + amount
                    + " exceeds the outstanding principal at default " + defaulted.outstandingAfter);
        }
        Claim c = new Claim();
        c.policy = policy;
        c.loan = loan;
        c.status = ClaimStatus.FILED;
        c.amountClaimed = amount;
        c.filedOn = in.filedOn();
        c.defaultedOn = defaulted.occurredOn;
        c.outstandingAtDefault = defaulted.outstandingAfter;
        c.insurerShare = policy.insurerShare;
        c.governmentShare = policy.governmentShare;
        c.note = in.note();
        c.filedAt = OffsetDateTime.now(ZoneOffset.UTC);
        c.filedBy = caller.actor();
        return c.<Claim>persistAndFlush().flatMap(saved -> journalled(caller, saved, JournalAction.CLAIM_FILED));
    }

    // ---- the insurer's decisions --------------------------------------------------------------

    @WithTransaction
    public Uni<ClaimView> assess(Caller caller, long id, InsuranceInputs.Assessment in, String idempotencyKey) {
        record Keyed(long id, InsuranceInputs.Assessment in) {
        }
        BigDecimal loss = Money.cny(in.assessedLoss(), "assessedLoss");
        return idempotency.once(caller, "assess-claim", idempotencyKey, new Keyed(id, in), ClaimView.class,
                () -> lockAsInsurer(caller, id).flatMap(c -> {
                    requireStatus(c, ClaimStatus.FILED, "assessed");
                    notBefore(in.assessedOn(), c.filedOn, "assessedOn", "the filing date");
                    if (loss.compareTo(c.outstandingAtDefault) > 0) {
                        throw refused("assessment-exceeds-outstanding", "assessedLoss", "an assessed loss of " + loss
                                + " exceeds the loan's outstanding principal at default " + c.outstandingAtDefault);
                    }
                    LossSplit split = LossSplit.of(loss, c.insurerShare, c.governmentShare);
                    c.assessedLoss = split.loss();
                    c.insurerPart = split.insurerPart();
                    c.governmentPart = split.governmentPart();
                    c.bankPart = split.bankPart();
                    c.assessedOn = in.assessedOn();
                    c.status = ClaimStatus.ASSESSED;
                    return transition(caller, c, JournalAction.CLAIM_ASSESSED);
                }));
    }

    @WithTransaction
    public Uni<ClaimView> pay(Caller caller, long id, InsuranceInputs.Payment in, String idempotencyKey) {
        record Keyed(long id, InsuranceInputs.Payment in) {
        }
        BigDecimal confirmed = in.amount() == null ? null : Money.cnyOrZero(in.amount(), "amount");
        return idempotency.once(caller, "pay-claim", idempotencyKey, new Keyed(id, in), ClaimView.class,
                () -> lockAsInsurer(caller, id).flatMap(c -> {
                    requireStatus(c, ClaimStatus.ASSESSED, "paid");
                    notBefore(in.paidOn(), c.assessedOn, "paidOn", "the assessment date");
                    if (confirmed != null && confirmed.compareTo(c.insurerPart) != 0) {
                        throw refused("payment-mismatch", "amount", "the insurer's part of the assessed loss is "
                                + c.insurerPart + ", not " + confirmed);
                    }
                    c.paidOn = in.paidOn();
                    c.status = ClaimStatus.PAID;
                    return transition(caller, c, JournalAction.CLAIM_PAID);
                }));
    }

    @WithTransaction
    public Uni<ClaimView> reject(Caller caller, long id, InsuranceInputs.Rejection in, String idempotencyKey) {
        record Keyed(long id, InsuranceInputs.Rejection in) {
        }
        return idempotency.once(caller, "reject-claim", idempotencyKey, new Keyed(id, in), ClaimView.class,
                () -> lockAsInsurer(caller, id).flatMap(c -> {
                    requireStatus(c, ClaimStatus.FILED, "rejected");
                    notBefore(in.rejectedOn(), c.filedOn, "rejectedOn", "the filing date");
                    c.rejectedOn = in.rejectedOn();
                    c.rejectionReason = in.reason().strip();
                    c.status = ClaimStatus.REJECTED;
                    return transition(caller, c, JournalAction.CLAIM_REJECTED);
                }));
    }

    /** The claim, locked, if the caller is its policy's insurer; anyone else is told it does not exist. */
    private Uni<Claim> lockAsInsurer(Caller caller, long id) {
        return claims.lock(id).map(c -> {
            if (c == null || caller.orgId() == null || caller.orgId().longValue() != c.policy.insurer.id) {
                throw ApiProblem.notFound("claim", id);
            }
            return c;
        });
    }

    private Uni<ClaimView> transition(Caller caller, Claim c, JournalAction action) {
        return Panache.getSession().flatMap(s -> s.flush()).flatMap(x -> journalled(caller, c, action));
    }

    private Uni<ClaimView> journalled(Caller caller, Claim c, JournalAction action) {
        ClaimView view = ClaimView.of(c);
        // No asset ids: the asset's history is readable by every bank, a claim only by its parties.
        return journal.append(caller, action, "CLAIM", c.id, List.of(), view).map(view::withJournalSeq);
    }

    private static void requireStatus(Claim c, ClaimStatus expected, String verb) {
        if (c.status != expected) {
            throw ApiProblem.conflict("claim-state-conflict", "claim " + c.id + " is " + c.status + " and cannot be " + verb)
                    .with("status", c.status);
        }
    }

    private static void notBefore(LocalDate date, LocalDate earliest, String field, String what) {
        if (date.isBefore(earliest)) {
            throw ApiProblem.invalidField(field, "must not be before " + what + " " + earliest);
        }
    }

    private static ApiProblem refused(String code, String field, String detail) {
        return new ApiProblem(422, code, "Refused by a ledger rule", detail, List.of(new FieldError(field, detail)));
    }

    // ---- reads --------------------------------------------------------------------------------

    @WithSession
    public Uni<ClaimView> get(Caller caller, long id) {
        Visibility visibility = Visibility.of(caller);
        return claims.findFull(id).map(c -> {
            if (c == null || !visibility.sees(c.policy.insurer.id, c.loan.lender.id)) {
                throw ApiProblem.notFound("claim", id);
            }
            return ClaimView.of(c);
        });
    }

    @WithSession
    public Uni<Page<ClaimView>> search(Caller caller, Long loanId, Long insurerId, ClaimStatus status, int page, int size) {
        return claims.search(Visibility.of(caller).orgId(), loanId, insurerId, status, page, size)
                .map(p -> p.map(ClaimView::of));
    }
}
