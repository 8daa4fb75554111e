package org.ipledger.securitization;

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
import org.ipledger.common.Roles;
import org.ipledger.journal.Journal;
import org.ipledger.journal.JournalAction;
import org.ipledger.party.Party;
import org.ipledger.party.PartyKind;
import org.ipledger.party.PartyRef;
import org.ipledger.party.PartyRepository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Patent-licence receivables: recorded by the issuer that may pool them; receipts and write-offs by that
 * issuer or the trustee of the live product holding them. Every change is journalled with the licensed
 * assets, so an asset's history shows (as a hidden entry to banks) that it backs a receivable.
 */
@ApplicationScoped
public class ReceivableService {

    /** Receipts on one receivable; a licence schedule has at most 120 instalments. */
    static final int MAX_RECEIPTS = 1000;

    private final ReceivableRepository receivables;
    private final PartyRepository parties;
    private final Journal journal;
    private final Idempotency idempotency;

    public ReceivableService(ReceivableRepository receivables, PartyRepository parties, Journal journal,
                             Idempotency idempotency) {
        this.receivables = receivables;
        this.parties = parties;
        this.journal = journal;
        this.idempotency = idempotency;
    }

    @WithTransaction
    public Uni<ReceivableView> create(Caller caller, SecuritizationInputs.NewReceivable in, String idempotencyKey) {
        if (caller.orgId() == null || caller.orgId().longValue() != in.issuerId()) {
            throw ApiProblem.forbidden("an issuer records only its own receivables"
                    + (caller.orgId() == null ? "" : " (party " + caller.orgId() + ")"));
        }
        List<FieldError> errors = new ArrayList<>();
        if (in.obligorId().equals(in.licensorId())) {
            errors.add(new FieldError("obligorId", "must not be the licensor"));
        }
        if (new HashSet<>(in.assetIds()).size() != in.assetIds().size()) {
            errors.add(new FieldError("assetIds", "must not repeat an asset"));
        }
        List<ReceivableView.Instalment> schedule = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < in.schedule().size(); i++) {
            SecuritizationInputs.Instalment item = in.schedule().get(i);
            String field = "schedule[" + i + "]";
            BigDecimal amount;
            try {
                amount = Money.cny(item.amount(), field + ".amount");
            } catch (ApiProblem e) {
                errors.addAll(e.errors());
                continue;
            }
            if (i > 0 && !item.dueOn().isAfter(in.schedule().get(i - 1).dueOn())) {
                errors.add(new FieldError(field + ".dueOn", "must be after the previous instalment's due date "
                        + in.schedule().get(i - 1).dueOn()));
            }
            schedule.add(new ReceivableView.Instalment(item.dueOn(), amount));
            total = total.add(amount);
        }
        if (total.compareTo(Money.MAX) > 0) {
            errors.add(new FieldError("schedule", "adds up to more than " + Money.MAX.toPlainString()));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        BigDecimal totalAmount = total;
        String contract = in.contractNumber().strip();
        return idempotency.once(caller, "record-receivable", idempotencyKey, in, ReceivableView.class, () ->
                party(in.issuerId(), PartyKind.ISSUER, "issuerId").flatMap(issuer ->
                party(in.licensorId(), PartyKind.ENTERPRISE, "licensorId").flatMap(licensor ->
                party(in.obligorId(), null, "obligorId").flatMap(obligor ->
                receivables.assets(in.assetIds(), in.licensorId()).flatMap(found -> {
                    List<Long> foundIds = found.stream().map(r -> ((Number) r[0]).longValue()).toList();
                    List<Long> missing = in.assetIds().stream().filter(id -> !foundIds.contains(id)).sorted().toList();
                    if (!missing.isEmpty()) {
                        throw refused("unknown-asset", "assetIds", "assets " + missing + " do not exist in the ledger");
                    }
                    List<Long> notHeld = found.stream().filter(r -> !Boolean.TRUE.equals(r[4]))
                            .map(r -> ((Number) r[0]).longValue()).toList();
                    if (!notHeld.isEmpty()) {
                        throw refused("licensor-not-holder", "assetIds", "the licensor (party " + in.licensorId()
                                + ") does not hold assets " + notHeld);
                    }
                    return receivables.count("licensor.id = ?1 and contractNumber = ?2", in.licensorId(), contract);
                }).flatMap(same -> {
                    if (same > 0) {
                        throw ApiProblem.conflict("duplicate-contract-number", "licence contract " + contract
                                + " of licensor " + in.licensorId() + " is already recorded");
                    }
                    Receivable r = new Receivable();
                    r.issuer = issuer;
                    r.licensor = licensor;
                    r.obligor = obligor;
                    r.contractNumber = contract;
                    r.totalAmount = totalAmount;
                    r.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
                    r.createdBy = caller.actor();
                    return r.<Receivable>persistAndFlush();
                }).flatMap(saved -> receivables.addAssets(saved.id, in.assetIds())
                        .flatMap(x -> receivables.addSchedule(saved.id, schedule))
                        .flatMap(x -> journalled(caller, saved, JournalAction.RECEIVABLE_RECORDED)))))));
    }

    @WithTransaction
    public Uni<ReceivableView> recordReceipt(Caller caller, long id, SecuritizationInputs.NewReceipt in, String idempotencyKey) {
        BigDecimal amount = Money.cny(in.amount(), "amount");
        if (in.receivedOn().isAfter(LocalDate.now(ZoneOffset.UTC))) {
            throw ApiProblem.invalidField("receivedOn", "must not be in the future");
        }
        String reference = in.reference().strip();
        record Keyed(long id, SecuritizationInputs.NewReceipt in) {
        }
        return idempotency.once(caller, "receivable-receipt", idempotencyKey, new Keyed(id, in), ReceivableView.class,
                () -> lockManaged(caller, id, "records receipts on").flatMap(r -> receivables.receiptByReference(id, reference)
                        .flatMap(existing -> {
                            if (existing != null) {
                                throw ApiProblem.conflict("duplicate-receipt", "receipt " + existing[0] + " of "
                                                + existing[2] + " received on " + existing[1] + " already carries reference "
                                                + reference + "; a payment is recorded once")
                                        .with("receiptId", ((Number) existing[0]).longValue());
                            }
                            return receivables.receiptCount(id);
                        }).flatMap(count -> {
                            if (count >= MAX_RECEIPTS) {
                                throw ApiProblem.unprocessable("too-many-receipts", "receivable " + id + " has "
                                        + MAX_RECEIPTS + " receipts, the most one receivable takes");
                            }
                            if (amount.compareTo(r.outstanding()) > 0) {
                                throw refused("receipt-exceeds-balance", "amount", "a receipt of " + amount.toPlainString()
                                        + " exceeds the outstanding amount " + r.outstanding().toPlainString());
                            }
                            r.received = r.received.add(amount);
                            if (r.status == Receivable.Status.PERFORMING && r.outstanding().signum() == 0) {
                                r.status = Receivable.Status.PAID;
                            }
                            return receivables.insertReceipt(id, in.receivedOn(), amount, reference, caller.actor());
                        })
                        .flatMap(x -> Panache.getSession().flatMap(s -> s.flush()))
                        .flatMap(x -> journalled(caller, r, JournalAction.RECEIVABLE_RECEIPT_RECORDED))));
    }

    @WithTransaction
    public Uni<ReceivableView> writeOff(Caller caller, long id, SecuritizationInputs.WriteOff in, String idempotencyKey) {
        if (in.writtenOffOn().isAfter(LocalDate.now(ZoneOffset.UTC))) {
            throw ApiProblem.invalidField("writtenOffOn", "must not be in the future");
        }
        record Keyed(long id, SecuritizationInputs.WriteOff in) {
        }
        return idempotency.once(caller, "receivable-write-off", idempotencyKey, new Keyed(id, in), ReceivableView.class,
                () -> lockManaged(caller, id, "writes off").flatMap(r -> {
                    if (r.status != Receivable.Status.PERFORMING) {
                        throw ApiProblem.conflict("receivable-state-conflict", "receivable " + id + " is " + r.status
                                + "; only a PERFORMING receivable is written off").with("status", r.status);
                    }
                    r.status = Receivable.Status.WRITTEN_OFF;
                    r.writtenOffOn = in.writtenOffOn();
                    r.writtenOffAmount = r.outstanding();
                    r.writeOffReason = in.reason().strip();
                    return Panache.getSession().flatMap(s -> s.flush())
                            .flatMap(x -> journalled(caller, r, JournalAction.RECEIVABLE_WRITTEN_OFF));
                }));
    }

    @WithSession
    public Uni<ReceivableView> get(Caller caller, long id) {
        return receivables.findFull(id).flatMap(r -> (r == null ? Uni.createFrom().item(false) : sees(caller, r))
                .flatMap(ok -> {
                    if (!ok) {
                        throw ApiProblem.notFound("receivable", id);
                    }
                    return view(r, true);
                }));
    }

    private Uni<Boolean> sees(Caller caller, Receivable r) {
        if (caller.is(Roles.REGULATOR) || caller.is(Roles.ADMIN) || caller.is(Roles.LAB)) {
            return Uni.createFrom().item(true);
        }
        if (caller.orgId() != null && caller.is(Roles.ISSUER) && caller.orgId().equals(r.issuer.id)) {
            return Uni.createFrom().item(true);
        }
        return caller.orgId() != null && caller.is(Roles.TRUSTEE) ? receivables.trustedBy(r.id, caller.orgId())
                : Uni.createFrom().item(false);
    }

    @WithSession
    public Uni<Page<ReceivableView>> search(Caller caller, Receivable.Status status, int page, int size) {
        boolean all = caller.is(Roles.REGULATOR) || caller.is(Roles.ADMIN) || caller.is(Roles.LAB);
        if (!all && caller.orgId() == null) {
            throw ApiProblem.forbidden("an issuer or trustee token must carry its party id in the org claim");
        }
        Long issuer = !all && caller.is(Roles.ISSUER) ? caller.orgId() : null;
        Long trustee = !all && issuer == null ? caller.orgId() : null;
        return receivables.search(issuer, trustee, status, page, size).flatMap(found -> io.smallrye.mutiny.Multi.createFrom()
                .iterable(found.items()).onItem().transformToUniAndConcatenate(r -> view(r, false)).collect().asList()
                .map(views -> new Page<>(views, found.page(), found.size(), found.total())));
    }

    /**
     * Locks the receivable for a change by its issuer or the trustee of the live product holding it;
     * 404 to whoever may not see it, 403 to a reader who may not change it.
     */
    private Uni<Receivable> lockManaged(Caller caller, long id, String what) {
        return receivables.lock(id).flatMap(r -> {
            if (r == null) {
                throw ApiProblem.notFound("receivable", id);
            }
            boolean issuer = caller.is(Roles.ISSUER) && caller.orgId() != null && caller.orgId().equals(r.issuer.id);
            if (issuer) {
                return Uni.createFrom().item(r);
            }
            return receivables.productOf(id).map(p -> {
                boolean trustee = p != null && Boolean.TRUE.equals(p[4]) && caller.is(Roles.TRUSTEE)
                        && caller.orgId() != null && caller.orgId() == ((Number) p[2]).longValue();
                if (!trustee) {
                    throw ApiProblem.notFound("receivable", id);
                }
                return r;
            });
        }).invoke(r -> {
            if (!caller.is(Roles.ISSUER) && !caller.is(Roles.TRUSTEE)) {
                throw ApiProblem.forbidden("only the receivable's issuer or its product's trustee " + what + " it");
            }
        });
    }

    private Uni<ReceivableView> journalled(Caller caller, Receivable r, JournalAction action) {
        return view(r, true).flatMap(view -> journal.append(caller, action, "RECEIVABLE", r.id,
                view.assets().stream().map(ReceivableView.AssetRef::id).toList(), view).map(view::withJournalSeq));
    }

    private Uni<ReceivableView> view(Receivable r, boolean withReceipts) {
        return receivables.assetsOf(r.id).flatMap(assets -> receivables.scheduleOf(r.id).flatMap(schedule ->
                receivables.productOf(r.id).flatMap(p -> {
                    ReceivableView.PoolProduct product = p == null ? null : new ReceivableView.PoolProduct(
                            ((Number) p[0]).longValue(), (String) p[1], new PartyRef(((Number) p[2]).longValue(),
                            (String) p[3]), Boolean.TRUE.equals(p[4]));
                    Uni<List<ReceivableView.Receipt>> receipts = withReceipts ? receivables.receiptsOf(r.id)
                            : Uni.createFrom().nullItem();
                    return receipts.map(list -> ReceivableView.of(r, assets, schedule, product, list));
                })));
    }

    private Uni<Party> party(long id, PartyKind kind, String field) {
        return parties.findById(id).map(party -> {
            if (party == null || (kind != null && party.kind != kind)) {
                String message = party == null ? "party " + id + " does not exist"
                        : "party " + party.id + " is a " + party.kind + ", not a " + kind;
                throw new ApiProblem(422, "unknown-or-unfit-party", "Refused by a ledger rule", field + ": " + message,
                        List.of(new FieldError(field, message)));
            }
            return party;
        });
    }

    private static ApiProblem refused(String code, String field, String detail) {
        return new ApiProblem(422, code, "Refused by a ledger rule", detail, List.of(new FieldError(field, detail)));
    }
}
