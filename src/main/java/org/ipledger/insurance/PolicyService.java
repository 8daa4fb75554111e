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
import org.ipledger.loan.LoanRepository;
import org.ipledger.party.PartyKind;
import org.ipledger.party.PartyRepository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Insurance policies on loans, recorded by the insurer: ACTIVE, or CANCELLED before any claim. */
@ApplicationScoped
public class PolicyService {

    private final PolicyRepository policies;
    private final ClaimRepository claims;
    private final LoanRepository loans;
    private final PartyRepository parties;
    private final Journal journal;
    private final Idempotency idempotency;

    public PolicyService(PolicyRepository policies, ClaimRepository claims, LoanRepository loans, PartyRepository parties,
                         Journal journal, Idempotency idempotency) {
        this.policies = policies;
        this.claims = claims;
        this.loans = loans;
        this.parties = parties;
        this.journal = journal;
        this.idempotency = idempotency;
    }

    @WithTransaction
    public Uni<PolicyView> record(Caller caller, InsuranceInputs.NewPolicy in, String idempotencyKey) {
        if (caller.orgId() == null || caller.orgId().longValue() != in.insurerId()) {
            throw ApiProblem.forbidden("an insurer records only its own policies"
                    + (caller.orgId() == null ? "" : " (party " + caller.orgId() + ")"));
        }
        BigDecimal governmentShare = in.governmentShare() == null ? BigDecimal.ZERO : in.governmentShare();
        List<FieldError> errors = new ArrayList<>();
        if (!in.endsOn().isAfter(in.startsOn())) {
            errors.add(new FieldError("endsOn", "must be after startsOn"));
        }
        BigDecimal covered = in.insurerShare().add(governmentShare);
        if (covered.compareTo(BigDecimal.ONE) > 0) {
            errors.add(new FieldError("governmentShare", "insurerShare + governmentShare is " + covered.toPlainString()
                    + "; it must not exceed 1 (the bank bears the rest)"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        BigDecimal premium = Money.cnyOrZero(in.premium(), "premium");
        String number = in.policyNumber().strip();
        return idempotency.once(caller, "record-policy", idempotencyKey, in, PolicyView.class, () -> parties
                .findById(in.insurerId())
                .flatMap(insurer -> {
                    if (insurer == null || insurer.kind != PartyKind.INSURER) {
                        String message = insurer == null ? "party " + in.insurerId() + " does not exist"
                                : "party " + insurer.id + " is a " + insurer.kind + ", not an INSURER";
                        throw new ApiProblem(422, "unknown-or-unfit-party", "Refused by a ledger rule",
                                "insurerId: " + message, List.of(new FieldError("insurerId", message)));
                    }
                    // The loan's row lock orders this against its events (a repayment closing it) and other policies.
                    return loans.lock(in.loanId()).flatMap(loan -> {
                        if (loan == null) {
                            throw unknownLoan(in.loanId(), "does not exist");
                        }
                        if (loan.status.isClosed()) {
                            throw ApiProblem.conflict("loan-closed", "loan " + loan.id + " is " + loan.status
                                    + "; a closed loan cannot be insured").with("status", loan.status);
                        }
                        return policies.liveFor(loan.id).flatMap(live -> {
                            if (live != null) {
                                throw ApiProblem.conflict("loan-already-insured", "loan " + loan.id
                                        + " already has a live policy; a loan has at most one (the insurer may cancel it first)");
                            }
                            return policies.count("policyNumber", number);
                        }).flatMap(sameNumber -> {
                            if (sameNumber > 0) {
                                throw ApiProblem.conflict("duplicate-policy-number", "policy number " + number
                                        + " is already recorded");
                            }
                            Policy p = new Policy();
                            p.policyNumber = number;
                            p.insurer = insurer;
                            p.loan = loan;
                            p.insurerShare = in.insurerShare();
                            p.governmentShare = governmentShare;
                            p.premium = premium;
                            p.startsOn = in.startsOn();
                            p.endsOn = in.endsOn();
                            p.status = PolicyStatus.ACTIVE;
                            p.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
                            p.recordedBy = caller.actor();
                            return p.<Policy>persistAndFlush()
                                    .flatMap(saved -> journalled(caller, saved, JournalAction.POLICY_RECORDED));
                        });
                    });
                }));
    }

    @WithTransaction
    public Uni<PolicyView> cancel(Caller caller, long id, InsuranceInputs.PolicyCancellation in, String idempotencyKey) {
        record Keyed(long id, InsuranceInputs.PolicyCancellation in) {
        }
        return idempotency.once(caller, "cancel-policy", idempotencyKey, new Keyed(id, in), PolicyView.class,
                () -> policies.lock(id).flatMap(p -> {
                    if (p == null || caller.orgId() == null || caller.orgId().longValue() != p.insurer.id) {
                        throw ApiProblem.notFound("policy", id);
                    }
                    if (p.status != PolicyStatus.ACTIVE) {
                        throw ApiProblem.conflict("policy-state-conflict", "policy " + p.policyNumber + " is " + p.status
                                + " and cannot be cancelled").with("status", p.status);
                    }
                    return claims.countNotRejected(p.id).flatMap(n -> {
                        if (n > 0) {
                            throw ApiProblem.conflict("policy-has-claims", "policy " + p.policyNumber
                                    + " has a claim that is filed, assessed or paid; it cannot be cancelled");
                        }
                        p.status = PolicyStatus.CANCELLED;
                        p.cancelledOn = in.cancelledOn();
                        p.cancellationReason = in.reason().strip();
                        return Panache.getSession().flatMap(s -> s.flush())
                                .flatMap(x -> journalled(caller, p, JournalAction.POLICY_CANCELLED));
                    });
                }));
    }

    private Uni<PolicyView> journalled(Caller caller, Policy p, JournalAction action) {
        PolicyView view = PolicyView.of(p);
        // No asset ids: the asset's history is readable by every bank, a policy only by its parties.
        return journal.append(caller, action, "POLICY", p.id, List.of(), view).map(view::withJournalSeq);
    }

    static ApiProblem unknownLoan(long loanId, String why) {
        String message = "loan " + loanId + " " + why;
        return new ApiProblem(422, "unknown-loan", "Refused by a ledger rule", "loanId: " + message,
                List.of(new FieldError("loanId", message)));
    }

    // ---- reads --------------------------------------------------------------------------------

    @WithSession
    public Uni<PolicyView> get(Caller caller, long id) {
        Visibility visibility = Visibility.of(caller);
        return policies.findFull(id).map(p -> {
            if (p == null || !visibility.sees(p)) {
                throw ApiProblem.notFound("policy", id);
            }
            return PolicyView.of(p);
        });
    }

    @WithSession
    public Uni<Page<PolicyView>> search(Caller caller, Long loanId, Long insurerId, PolicyStatus status, int page, int size) {
        return policies.search(Visibility.of(caller).orgId(), loanId, insurerId, status, page, size)
                .map(p -> p.map(PolicyView::of));
    }
}
