package org.ipledger.pledge;

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
import org.ipledger.registry.AssetKind;
import org.ipledger.registry.AssetRepository;
import org.ipledger.registry.Encumbrance;
import org.ipledger.registry.EncumbranceKind;
import org.ipledger.registry.IpAsset;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Pledge registration and its lifecycle: PENDING → ACTIVE | VOID; ACTIVE → RELEASED | ENFORCED. */
@ApplicationScoped
public class PledgeService {

    /** No IP pledge runs longer than this; a longer term is a typing error. */
    static final int MAX_TERM_YEARS = 30;

    private final PledgeRepository pledges;
    private final AssetRepository assets;
    private final PartyRepository parties;
    private final Journal journal;
    private final Idempotency idempotency;

    public PledgeService(PledgeRepository pledges, AssetRepository assets, PartyRepository parties, Journal journal,
                         Idempotency idempotency) {
        this.pledges = pledges;
        this.assets = assets;
        this.parties = parties;
        this.journal = journal;
        this.idempotency = idempotency;
    }

    // ---- filing -------------------------------------------------------------------------------

    @WithTransaction
    public Uni<PledgeView> file(Caller caller, PledgeInputs.Filing in, String idempotencyKey) {
        BigDecimal amount = checkFiling(in);
        if (caller.scopedToOwnOrg() && caller.bankId() != in.pledgeeId()) {
            throw ApiProblem.forbidden("a bank may register pledges only as pledgee for itself (party " + caller.bankId() + ")");
        }
        return idempotency.once(caller, "file-pledge", idempotencyKey, in, PledgeView.class, () -> parties
                .findByIds(union(in.pledgorIds(), List.of(in.pledgeeId())))
                .flatMap(found -> {
                    Map<Long, Party> byId = found.stream().collect(Collectors.toMap(p -> p.id, p -> p));
                    checkParties(in, byId);
                    // Lock the assets in id order: a concurrent pledge or legal event on them waits here,
                    // then sees what this transaction did.
                    return assets.lockAll(in.assetIds()).flatMap(locked -> {
                        checkAllFound(in, locked);
                        return pledges.liveOn(in.assetIds())
                                .invoke(holdings -> refuseIfAlreadyPledged(holdings, locked))
                                .flatMap(none -> refusals(in, locked))
                                .invoke(PledgeService::refuseIfAny)
                                .flatMap(none -> pledges.nextLedgerNumber(LocalDate.now(ZoneOffset.UTC).getYear()))
                                .flatMap(ledgerNumber -> persistFiling(caller, in, amount, ledgerNumber, byId, locked));
                    });
                }));
    }

    private Uni<PledgeView> persistFiling(Caller caller, PledgeInputs.Filing in, BigDecimal amount, String ledgerNumber,
                                          Map<Long, Party> parties, List<IpAsset> locked) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Pledge pledge = new Pledge();
        pledge.ledgerNumber = ledgerNumber;
        pledge.pledgee = parties.get(in.pledgeeId());
        in.pledgorIds().stream().sorted().forEach(id -> pledge.pledgors.add(parties.get(id)));
        pledge.assets.addAll(locked);
        pledge.securedAmount = amount;
        pledge.termStartsOn = in.termStartsOn();
        pledge.termEndsOn = in.termEndsOn();
        pledge.status = PledgeStatus.PENDING;
        pledge.invalidationRiskAcknowledged = in.acknowledgeInvalidationRisk();
        pledge.filedAt = now;
        PledgeEvent filed = event(caller, pledge, PledgeEventKind.FILED, now.toLocalDate());
        filed.securedAmount = amount;
        filed.termEndsOn = in.termEndsOn();
        return pledge.<Pledge>persist()
                .flatMap(p -> {
                    filed.pledgeId = p.id;
                    return filed.persistAndFlush();
                })
                .onFailure(org.hibernate.exception.ConstraintViolationException.class)
                .transform(PledgeService::raceLost)
                .flatMap(x -> record(caller, pledge, JournalAction.PLEDGE_FILED, List.of(filed)));
    }

    private static BigDecimal checkFiling(PledgeInputs.Filing in) {
        List<FieldError> errors = new ArrayList<>();
        if (new HashSet<>(in.assetIds()).size() != in.assetIds().size()) {
            errors.add(new FieldError("assetIds", "names an asset twice"));
        }
        if (new HashSet<>(in.pledgorIds()).size() != in.pledgorIds().size()) {
            errors.add(new FieldError("pledgorIds", "names a pledgor twice"));
        }
        if (!in.termEndsOn().isAfter(in.termStartsOn())) {
            errors.add(new FieldError("termEndsOn", "must be after termStartsOn"));
        } else if (in.termEndsOn().isAfter(in.termStartsOn().plusYears(MAX_TERM_YEARS))) {
            errors.add(new FieldError("termEndsOn", "must be within " + MAX_TERM_YEARS + " years of termStartsOn"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        return Money.cny(in.securedAmount(), "securedAmount");
    }

    private static void checkParties(PledgeInputs.Filing in, Map<Long, Party> byId) {
        List<FieldError> errors = new ArrayList<>();
        Party pledgee = byId.get(in.pledgeeId());
        if (pledgee == null) {
            errors.add(new FieldError("pledgeeId", "party " + in.pledgeeId() + " does not exist"));
        } else if (pledgee.kind != PartyKind.BANK) {
            errors.add(new FieldError("pledgeeId", "party " + pledgee.id + " is a " + pledgee.kind + ", not a BANK"));
        }
        for (Long id : in.pledgorIds()) {
            if (!byId.containsKey(id)) {
                errors.add(new FieldError("pledgorIds", "party " + id + " does not exist"));
            } else if (id.equals(in.pledgeeId())) {
                errors.add(new FieldError("pledgorIds", "the pledgee cannot pledge to itself"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(422, "unknown-or-unfit-party", "Refused by a ledger rule",
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
        }
    }

    private static void checkAllFound(PledgeInputs.Filing in, List<IpAsset> locked) {
        Set<Long> found = locked.stream().map(a -> a.id).collect(Collectors.toSet());
        List<FieldError> errors = in.assetIds().stream().filter(id -> !found.contains(id))
                .map(id -> new FieldError("assetIds", "asset " + id + " does not exist")).toList();
        if (!errors.isEmpty()) {
            throw new ApiProblem(422, "unknown-asset", "Refused by a ledger rule",
                    errors.stream().map(FieldError::message).collect(Collectors.joining("; ")), errors);
        }
    }

    /** One refusal entry per asset that fails a rule, with every reason; the whole pledge fails together. */
    public record AssetRefusal(long assetId, AssetKind kind, String registryNumber, List<RefusalReason> reasons) {
    }

    /** Who holds an asset already: the register's public facts, never the secured amount. */
    public record ExistingPledge(long assetId, String registryNumber, String ledgerNumber, PledgeStatus status,
                                 PartyRef pledgee, OffsetDateTime since) {
    }

    private static void refuseIfAlreadyPledged(List<PledgeRepository.Holding> holdings, List<IpAsset> locked) {
        if (holdings.isEmpty()) {
            return;
        }
        Map<Long, String> numbers = locked.stream().collect(Collectors.toMap(a -> a.id, a -> a.registryNumber));
        List<ExistingPledge> existing = holdings.stream().map(h -> new ExistingPledge(h.assetId(),
                numbers.get(h.assetId()), h.pledge().ledgerNumber, h.pledge().status,
                PartyRef.of(h.pledge().pledgee), h.pledge().filedAt)).toList();
        String detail = existing.stream().map(e -> "asset " + e.assetId() + " is already pledged to "
                + e.pledgee().name() + " (party " + e.pledgee().id() + ") under " + e.ledgerNumber())
                .collect(Collectors.joining("; "));
        throw ApiProblem.conflict("asset-already-pledged", detail).with("existingPledges", existing);
    }

    private static void refuseIfAny(List<AssetRefusal> refusals) {
        if (!refusals.isEmpty()) {
            String detail = refusals.stream().map(r -> "asset " + r.assetId() + " (" + r.registryNumber() + "): "
                            + r.reasons().stream().map(RefusalReason::message).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("; "));
            throw ApiProblem.unprocessable("pledge-refused", "nothing was pledged: " + detail).with("refusals", refusals);
        }
    }

    private Uni<List<AssetRefusal>> refusals(PledgeInputs.Filing in, List<IpAsset> locked) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Set<Long> pledgors = new HashSet<>(in.pledgorIds());
        Set<String> groups = locked.stream().filter(a -> a.markGroup != null).map(a -> a.markGroup).collect(Collectors.toSet());
        Uni<List<IpAsset>> groupMembers = groups.isEmpty() ? Uni.createFrom().item(List.of()) : assets.findMarkGroups(groups);
        return Encumbrance.<Encumbrance>list("assetId in ?1 and endedOn is null", in.assetIds())
                .flatMap(open -> groupMembers.map(members -> {
                    Map<Long, Set<EncumbranceKind>> openByAsset = new LinkedHashMap<>();
                    open.forEach(e -> openByAsset.computeIfAbsent(e.assetId, k -> new HashSet<>()).add(e.kind));
                    Set<Long> requested = new HashSet<>(in.assetIds());
                    List<AssetRefusal> refusals = new ArrayList<>();
                    for (IpAsset a : locked) {
                        List<RefusalReason> reasons = new ArrayList<>(PledgeRules.assetReasons(a.effectiveStatus(today),
                                a.expiresOn, openByAsset.getOrDefault(a.id, Set.of()), in.termEndsOn(),
                                in.acknowledgeInvalidationRisk()));
                        List<Long> missingHolders = a.holders.stream().map(h -> h.id).filter(h -> !pledgors.contains(h))
                                .sorted().toList();
                        if (!missingHolders.isEmpty()) {
                            reasons.add(new RefusalReason("pledgor-not-holder", "holders " + missingHolders
                                    + " are not pledgors; a co-owned asset needs every holder as pledgor"));
                        }
                        if (a.markGroup != null) {
                            List<String> missingMarks = members.stream()
                                    .filter(m -> a.markGroup.equals(m.markGroup) && !requested.contains(m.id))
                                    .map(m -> m.registryNumber + " (asset " + m.id + ")").toList();
                            if (!missingMarks.isEmpty()) {
                                reasons.add(new RefusalReason("similar-marks-missing", "identical or similar marks of group "
                                        + a.markGroup + " must be pledged together; missing " + missingMarks));
                            }
                        }
                        if (!reasons.isEmpty()) {
                            refusals.add(new AssetRefusal(a.id, a.kind, a.registryNumber, reasons));
                        }
                    }
                    Set<Long> holdersOfAll = locked.stream().flatMap(a -> a.holders.stream().map(h -> h.id))
                            .collect(Collectors.toSet());
                    List<Long> strangers = in.pledgorIds().stream().filter(p -> !holdersOfAll.contains(p)).sorted().toList();
                    if (!strangers.isEmpty()) {
                        throw ApiProblem.unprocessable("pledgor-holds-no-asset", "pledgors " + strangers
                                + " hold none of the pledged assets");
                    }
                    return refusals;
                }));
    }

    private static ApiProblem raceLost(Throwable e) {
        // The row locks make this unreachable in normal operation; the unique index still has the last word.
        return ApiProblem.conflict("asset-already-pledged", "an asset of this pledge was pledged by a concurrent request");
    }

    // ---- transitions --------------------------------------------------------------------------

    @WithTransaction
    public Uni<PledgeView> register(Caller caller, long id, PledgeInputs.Registration in, String idempotencyKey) {
        record Keyed(long id, PledgeInputs.Registration in) {
        }
        String officeNumber = in.officeNumber().strip();
        return idempotency.once(caller, "register-pledge", idempotencyKey, new Keyed(id, in), PledgeView.class,
                () -> pledges.lock(id).flatMap(p -> {
                    requireStatus(p, PledgeStatus.PENDING, "registered");
                    notBefore(in.registeredOn(), p.filedAt.toLocalDate(), "registeredOn", "the filing date");
                    return pledges.count("officeNumber", officeNumber).flatMap(n -> {
                        if (n > 0) {
                            throw ApiProblem.conflict("duplicate-office-number",
                                    "office registration number " + officeNumber + " is already recorded on another pledge");
                        }
                        p.status = PledgeStatus.ACTIVE;
                        p.officeNumber = officeNumber;
                        p.registeredOn = in.registeredOn();
                        PledgeEvent e = event(caller, p, PledgeEventKind.REGISTERED, in.registeredOn());
                        e.officeNumber = officeNumber;
                        return persistTransition(caller, p, e, JournalAction.PLEDGE_REGISTERED);
                    });
                }));
    }

    @WithTransaction
    public Uni<PledgeView> refuse(Caller caller, long id, PledgeInputs.Refusal in, String idempotencyKey) {
        record Keyed(long id, PledgeInputs.Refusal in) {
        }
        return idempotency.once(caller, "refuse-pledge", idempotencyKey, new Keyed(id, in), PledgeView.class,
                () -> pledges.lock(id).flatMap(p -> {
                    requireStatus(p, PledgeStatus.PENDING, "refused");
                    notBefore(in.refusedOn(), p.filedAt.toLocalDate(), "refusedOn", "the filing date");
                    p.status = PledgeStatus.VOID;
                    p.endedOn = in.refusedOn();
                    PledgeEvent e = event(caller, p, PledgeEventKind.REFUSED, in.refusedOn());
                    e.reason = in.reason();
                    return persistTransition(caller, p, e, JournalAction.PLEDGE_REFUSED);
                }));
    }

    @WithTransaction
    public Uni<PledgeView> release(Caller caller, long id, PledgeInputs.Release in, String idempotencyKey) {
        record Keyed(long id, PledgeInputs.Release in) {
        }
        return idempotency.once(caller, "release-pledge", idempotencyKey, new Keyed(id, in), PledgeView.class,
                () -> pledges.lock(id).flatMap(p -> {
                    requirePledgeeOrRegistrar(caller, p);
                    return releaseLocked(caller, p, in.releasedOn(), in.reason());
                }));
    }

    /**
     * Releases a pledge already locked by the caller's transaction: the release of a repaid loan's
     * pledges happens in the loan's own transaction, so both commit or neither does.
     */
    public Uni<PledgeView> releaseLocked(Caller caller, Pledge p, LocalDate releasedOn, String reason) {
        requireStatus(p, PledgeStatus.ACTIVE, "released");
        notBefore(releasedOn, p.registeredOn, "releasedOn", "the registration date");
        p.status = PledgeStatus.RELEASED;
        p.endedOn = releasedOn;
        PledgeEvent e = event(caller, p, PledgeEventKind.RELEASED, releasedOn);
        e.reason = reason;
        return persistTransition(caller, p, e, JournalAction.PLEDGE_RELEASED);
    }

    /** Locks a pledge in the caller's transaction (for a loan that releases it). */
    public Uni<Pledge> lock(long id) {
        return pledges.lock(id);
    }

    @WithTransaction
    public Uni<PledgeView> enforce(Caller caller, long id, PledgeInputs.Enforcement in, String idempotencyKey) {
        record Keyed(long id, PledgeInputs.Enforcement in) {
        }
        return idempotency.once(caller, "enforce-pledge", idempotencyKey, new Keyed(id, in), PledgeView.class,
                () -> pledges.lock(id).flatMap(p -> {
                    requirePledgee(caller, p);
                    requireStatus(p, PledgeStatus.ACTIVE, "enforced");
                    notBefore(in.enforcedOn(), p.registeredOn, "enforcedOn", "the registration date");
                    p.status = PledgeStatus.ENFORCED;
                    p.endedOn = in.enforcedOn();
                    PledgeEvent e = event(caller, p, PledgeEventKind.ENFORCED, in.enforcedOn());
                    e.reason = in.reason();
                    return persistTransition(caller, p, e, JournalAction.PLEDGE_ENFORCED);
                }));
    }

    @WithTransaction
    public Uni<PledgeView> amend(Caller caller, long id, PledgeInputs.Amendment in, String idempotencyKey) {
        record Keyed(long id, PledgeInputs.Amendment in) {
        }
        if (in.securedAmount() == null && in.termEndsOn() == null) {
            throw ApiProblem.invalidFields(List.of(new FieldError("securedAmount", "or termEndsOn is required"),
                    new FieldError("termEndsOn", "or securedAmount is required")));
        }
        BigDecimal amount = in.securedAmount() == null ? null : Money.cny(in.securedAmount(), "securedAmount");
        return idempotency.once(caller, "amend-pledge", idempotencyKey, new Keyed(id, in), PledgeView.class,
                () -> pledges.lock(id).flatMap(p -> {
                    requirePledgee(caller, p);
                    if (!p.status.isLive()) {
                        throw stateConflict(p, "amended");
                    }
                    notBefore(in.effectiveOn(), p.filedAt.toLocalDate(), "effectiveOn", "the filing date");
                    if (in.termEndsOn() != null) {
                        if (!in.termEndsOn().isAfter(p.termStartsOn)) {
                            throw ApiProblem.invalidField("termEndsOn", "must be after the term's start " + p.termStartsOn);
                        }
                        if (in.termEndsOn().isAfter(p.termStartsOn.plusYears(MAX_TERM_YEARS))) {
                            throw ApiProblem.invalidField("termEndsOn", "must be within " + MAX_TERM_YEARS + " years of the term's start");
                        }
                        List<AssetRefusal> expiring = p.assets.stream()
                                .filter(a -> a.expiresOn != null && a.expiresOn.isBefore(in.termEndsOn()))
                                .map(a -> new AssetRefusal(a.id, a.kind, a.registryNumber, List.of(new RefusalReason(
                                        "expires-before-term-ends", "protection ends on " + a.expiresOn
                                        + ", before the amended term ends on " + in.termEndsOn())))).toList();
                        refuseIfAny(expiring);
                        p.termEndsOn = in.termEndsOn();
                    }
                    if (amount != null) {
                        p.securedAmount = amount;
                    }
                    PledgeEvent e = event(caller, p, PledgeEventKind.AMENDED, in.effectiveOn());
                    e.securedAmount = amount;
                    e.termEndsOn = in.termEndsOn();
                    e.reason = in.reason();
                    return persistTransition(caller, p, e, JournalAction.PLEDGE_AMENDED);
                }));
    }

    private Uni<PledgeView> persistTransition(Caller caller, Pledge p, PledgeEvent e, JournalAction action) {
        return e.persist()
                .call(() -> Panache.getSession().flatMap(s -> s.flush()))
                .flatMap(x -> pledges.events(p.id))
                .flatMap(events -> record(caller, p, action, events));
    }

    /** Journals the full state and answers with what the caller may see. */
    private Uni<PledgeView> record(Caller caller, Pledge p, JournalAction action, List<PledgeEvent> events) {
        PledgeView full = view(p, events);
        return journal.append(caller, action, "PLEDGE", p.id, p.assets.stream().map(a -> a.id).toList(), full)
                .map(seq -> visibleTo(caller, full, p.pledgee.id).withJournalSeq(seq));
    }

    private static void requireStatus(Pledge p, PledgeStatus expected, String verb) {
        if (p.status != expected) {
            throw stateConflict(p, verb);
        }
    }

    private static ApiProblem stateConflict(Pledge p, String verb) {
        return ApiProblem.conflict("pledge-state-conflict",
                "pledge " + p.ledgerNumber + " is " + p.status + " and cannot be " + verb).with("status", p.status);
    }

    private static void notBefore(LocalDate date, LocalDate earliest, String field, String what) {
        if (earliest != null && date.isBefore(earliest)) {
            throw ApiProblem.invalidField(field, "must not be before " + what + " " + earliest);
        }
    }

    private static void requirePledgee(Caller caller, Pledge p) {
        if (caller.bankId() != p.pledgee.id) {
            throw ApiProblem.forbidden("only the pledgee bank may do this to pledge " + p.ledgerNumber);
        }
    }

    private static void requirePledgeeOrRegistrar(Caller caller, Pledge p) {
        if (!caller.is(Roles.REGISTRAR)) {
            requirePledgee(caller, p);
        }
    }

    private static PledgeEvent event(Caller caller, Pledge p, PledgeEventKind kind, LocalDate occurredOn) {
        PledgeEvent e = new PledgeEvent();
        e.pledgeId = p.id;
        e.kind = kind;
        e.occurredOn = occurredOn;
        e.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
        e.recordedBy = caller.actor();
        return e;
    }

    // ---- reads --------------------------------------------------------------------------------

    @WithSession
    public Uni<PledgeView> get(Caller caller, long id) {
        return pledges.require(id).flatMap(p -> pledges.events(id).map(events -> visibleTo(caller, view(p, events), p.pledgee.id)));
    }

    @WithSession
    public Uni<Page<PledgeView>> search(Caller caller, Long pledgeeId, Long pledgorId, Long assetId, PledgeStatus status,
                                        int page, int size) {
        return pledges.search(pledgeeId, pledgorId, assetId, status, page, size)
                .map(p -> p.map(pledge -> visibleTo(caller, view(pledge, null), pledge.pledgee.id)));
    }

    static PledgeView visibleTo(Caller caller, PledgeView view, long pledgeeId) {
        return caller.seesTermsOf(pledgeeId) ? view : view.redacted();
    }

    static PledgeView view(Pledge p, List<PledgeEvent> events) {
        return new PledgeView(p.id, p.ledgerNumber, p.officeNumber, p.status,
                p.pledgors.stream().map(PartyRef::of).toList(), PartyRef.of(p.pledgee),
                p.assets.stream().map(a -> new PledgeView.AssetRef(a.id, a.kind, a.registryNumber)).toList(),
                p.securedAmount, p.termStartsOn, p.termEndsOn, p.invalidationRiskAcknowledged, p.filedAt,
                p.registeredOn, p.endedOn,
                events == null ? null : events.stream().map(e -> new PledgeView.EventView(e.kind, e.occurredOn,
                        e.securedAmount, e.termEndsOn, e.officeNumber, e.reason, e.recordedAt)).toList(), null);
    }

    private static List<Long> union(List<Long> a, List<Long> b) {
        Set<Long> all = new HashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
