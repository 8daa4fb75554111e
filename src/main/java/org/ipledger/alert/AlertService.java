package org.ipledger.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.Idempotency;
import org.ipledger.common.Page;
import org.ipledger.coverage.CoverageFigures;
import org.ipledger.coverage.CoverageService;
import org.ipledger.coverage.CoverageView;
import org.ipledger.journal.Journal;
import org.ipledger.journal.JournalAction;
import org.ipledger.party.Party;
import org.ipledger.registry.IpAsset;
import org.ipledger.registry.LegalEvent;
import org.ipledger.registry.Valuation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Alerts to the lending bank when its collateral is at risk. The hooks ({@link #legalEventRecorded},
 * {@link #valuationRecorded}, {@link #loanRecorded}) run inside the transaction of the change that
 * causes them: the alert, its journal entry and its webhook deliveries (the outbox) commit with that
 * change or not at all.
 */
@ApplicationScoped
public class AlertService {

    private final CoverageService coverage;
    private final Journal journal;
    private final Idempotency idempotency;
    private final ObjectMapper mapper;

    public AlertService(CoverageService coverage, Journal journal, Idempotency idempotency, ObjectMapper mapper) {
        this.coverage = coverage;
        this.journal = journal;
        this.idempotency = idempotency;
        this.mapper = mapper;
    }

    // ---- hooks, in the caller's transaction ---------------------------------------------------

    /** A legal-status event that puts the asset at risk alerts every live loan it secures. */
    public Uni<Void> legalEventRecorded(Caller caller, IpAsset asset, LegalEvent event) {
        Optional<AlertKind> kind = AlertKind.forLegalEvent(event.kind);
        if (kind.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        AlertView.Trigger trigger = new AlertView.Trigger(Alert.TriggerType.LEGAL_EVENT, event.id, event.kind.name(),
                event.occurredOn);
        return forEach(coverage.liveLoansOn(asset.id), loanId -> coverage.compute(loanId).flatMap(c -> raise(caller, c,
                kind.get(), asset, trigger, event.kind + " recorded for " + describe(asset) + " on " + event.occurredOn
                        + ": " + consequence(kind.get(), asset, event) + "; it secures loan " + loanId,
                c.figures())));
    }

    /**
     * A valuation alerts a live loan the asset secures when, with it, the loan's lendable value is lower
     * than before and the loan breaches its threshold (outstanding > lendable value x threshold).
     */
    public Uni<Void> valuationRecorded(Caller caller, Valuation valuation) {
        return IpAsset.<IpAsset>findById(valuation.assetId).flatMap(asset -> forEach(coverage.liveLoansOn(asset.id),
                loanId -> coverage.computeWithout(loanId, valuation.id).flatMap(before -> coverage.compute(loanId)
                        .flatMap(after -> {
                            CoverageFigures now = after.figures();
                            if (!now.breached() || now.lendableValue().compareTo(before.figures().lendableValue()) >= 0) {
                                return Uni.createFrom().voidItem();
                            }
                            AlertView.Trigger trigger = new AlertView.Trigger(Alert.TriggerType.VALUATION, valuation.id,
                                    null, valuation.valuedOn);
                            String detail = "valuation of " + describe(asset) + " at " + valuation.amount + " on "
                                    + valuation.valuedOn + " lowers loan " + loanId + "'s lendable value from "
                                    + before.figures().lendableValue() + " to " + now.lendableValue() + ": outstanding "
                                    + now.outstanding() + " exceeds " + now.outstandingLimit() + " (lendable value x "
                                    + now.breachThreshold() + ")";
                            return raise(caller, after, AlertKind.COVERAGE_BELOW_THRESHOLD, asset, trigger, detail,
                                    now.withPreviousLendableValue(before.figures().lendableValue()));
                        }))));
    }

    /** A loan recorded against assets already at risk (expiring before it matures, frozen, ...) alerts at once. */
    public Uni<Void> loanRecorded(Caller caller, long loanId) {
        AlertView.Trigger trigger = new AlertView.Trigger(Alert.TriggerType.LOAN_RECORDED, loanId, null,
                LocalDate.now(ZoneOffset.UTC));
        return coverage.compute(loanId).flatMap(c -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (CoverageView.AssetCoverage a : c.assets()) {
                for (CoverageView.Risk risk : a.risks()) {
                    chain = chain.chain(() -> IpAsset.<IpAsset>findById(a.assetId()).flatMap(asset -> raise(caller, c,
                            AlertKind.of(risk.kind()), asset, trigger, "loan " + loanId + " was recorded against "
                                    + describe(asset) + ": " + risk.detail(), c.figures())));
                }
            }
            return chain;
        });
    }

    private Uni<Void> raise(Caller caller, CoverageView loan, AlertKind kind, IpAsset asset, AlertView.Trigger trigger,
                            String detail, CoverageFigures figures) {
        AlertView.Content content = new AlertView.Content(
                new AlertView.AssetRef(asset.id, asset.kind, asset.registryNumber, asset.title), trigger, detail, figures);
        Alert alert = new Alert();
        alert.loanId = loan.loanId();
        alert.assetId = asset.id;
        alert.kind = kind;
        alert.triggerType = trigger.type();
        alert.triggerId = trigger.id();
        alert.content = json(content);
        alert.raisedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return Party.<Party>findById(loan.lender().id())
                .flatMap(bank -> {
                    alert.bank = bank;
                    return alert.persistAndFlush();
                })
                .flatMap(x -> journal.append(caller, JournalAction.ALERT_RAISED, "ALERT", alert.id, List.of(),
                        AlertView.of(alert, content)))
                .flatMap(seq -> {
                    alert.journalSeq = seq;
                    return enqueueDeliveries(alert, json(AlertView.of(alert, content)));
                });
    }

    /** The outbox: one delivery per active webhook of the bank, with the exact body every attempt will send. */
    private Uni<Void> enqueueDeliveries(Alert alert, String payload) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        insert into webhook_delivery (webhook_id, alert_id, payload, status, next_attempt_at)
                        select id, :alert, :payload, 'PENDING', now() from webhook where bank_id = :bank and active""")
                .setParameter("alert", alert.id)
                .setParameter("payload", payload)
                .setParameter("bank", alert.bank.id)
                .executeUpdate()).replaceWithVoid();
    }

    private static <T> Uni<Void> forEach(Uni<List<T>> items, Function<T, Uni<Void>> action) {
        return items.flatMap(list -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (T item : list) {
                chain = chain.chain(() -> action.apply(item));
            }
            return chain;
        });
    }

    private static String describe(IpAsset asset) {
        return asset.kind + " " + asset.registryNumber + " (asset " + asset.id + ")";
    }

    private static String consequence(AlertKind kind, IpAsset asset, LegalEvent event) {
        return switch (kind) {
            case NOT_VALID -> "its legal status is now " + asset.legalStatus;
            case COURT_FREEZE -> "a court froze it" + (event.reference == null ? "" : " (" + event.reference + ")");
            case OWNERSHIP_DISPUTE -> "its ownership is disputed";
            case INVALIDATION_PROCEEDINGS -> "invalidation proceedings were opened against it";
            case EXPIRES_BEFORE_MATURITY, COVERAGE_BELOW_THRESHOLD -> kind.name();
        };
    }

    // ---- reads and acknowledgement --------------------------------------------------------------

    @WithSession
    public Uni<Page<AlertView>> search(Caller caller, Long bankId, Long loanId, AlertKind kind, Boolean acknowledged,
                                       int page, int size) {
        Long bank = bankId;
        if (caller.scopedToOwnOrg()) {
            if (bankId != null && bankId != caller.bankId()) {
                throw ApiProblem.forbidden("a bank sees only its own alerts");
            }
            bank = caller.bankId();
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (bank != null) {
            where.append(" and a.bank.id = :bank");
            params.and("bank", bank);
        }
        if (loanId != null) {
            where.append(" and a.loanId = :loan");
            params.and("loan", loanId);
        }
        if (kind != null) {
            where.append(" and a.kind = :kind");
            params.and("kind", kind);
        }
        if (acknowledged != null) {
            where.append(acknowledged ? " and a.acknowledgedAt is not null" : " and a.acknowledgedAt is null");
        }
        return Alert.<Alert>find("from Alert a join fetch a.bank where " + where + " order by a.id desc", params)
                .page(io.quarkus.panache.common.Page.of(page, size)).list()
                .flatMap(items -> Alert.find("from Alert a where " + where, params).count()
                        .map(total -> new Page<>(items.stream().map(this::view).toList(), page, size, total)));
    }

    @WithSession
    public Uni<AlertView> get(Caller caller, long id) {
        return Alert.<Alert>find("from Alert a join fetch a.bank where a.id = ?1", id).firstResult()
                .map(a -> view(visible(caller, a, id)));
    }

    @WithTransaction
    public Uni<AlertView> acknowledge(Caller caller, long id, AlertInputs.Acknowledgement in, String idempotencyKey) {
        record Keyed(long id, AlertInputs.Acknowledgement in) {
        }
        long bankId = caller.bankId();
        return idempotency.once(caller, "acknowledge-alert", idempotencyKey, new Keyed(id, in), AlertView.class,
                () -> Alert.<Alert>findById(id, LockModeType.PESSIMISTIC_WRITE)
                        .call(a -> a == null ? Uni.createFrom().nullItem() : Mutiny.fetch(a.bank))
                        .flatMap(a -> {
                            if (a == null || a.bank.id != bankId) {
                                throw ApiProblem.notFound("alert", id);
                            }
                            if (a.acknowledgedAt != null) {
                                throw ApiProblem.conflict("alert-already-acknowledged", "alert " + id
                                        + " was acknowledged at " + a.acknowledgedAt + " by " + a.acknowledgedBy)
                                        .with("acknowledgedAt", a.acknowledgedAt);
                            }
                            a.acknowledgedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                            a.acknowledgedBy = caller.actor();
                            a.acknowledgementNote = in == null || in.note() == null || in.note().isBlank()
                                    ? null : in.note().strip();
                            AlertView view = view(a).withJournalSeq(null);
                            return journal.append(caller, JournalAction.ALERT_ACKNOWLEDGED, "ALERT", a.id, List.of(), view)
                                    .map(seq -> {
                                        a.journalSeq = seq;
                                        return view.withJournalSeq(seq);
                                    });
                        }));
    }

    private static Alert visible(Caller caller, Alert a, long id) {
        if (a == null || (caller.scopedToOwnOrg() && caller.bankId() != a.bank.id)) {
            throw ApiProblem.notFound("alert", id);
        }
        return a;
    }

    private AlertView view(Alert a) {
        try {
            return AlertView.of(a, mapper.readValue(a.content, AlertView.Content.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert " + a.id + " holds unreadable content", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
