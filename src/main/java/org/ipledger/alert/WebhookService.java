package org.ipledger.alert;

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
import org.ipledger.common.FieldError;
import org.ipledger.common.Idempotency;
import org.ipledger.common.Page;
import org.ipledger.journal.Journal;
import org.ipledger.journal.JournalAction;
import org.ipledger.party.Party;
import org.ipledger.party.PartyKind;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Banks' webhook endpoints and the state of their deliveries. Sending is {@link DeliveryWorker}'s. */
@ApplicationScoped
public class WebhookService {

    /** Active webhooks per bank: each alert is sent to every one of them. */
    public static final int MAX_ACTIVE_PER_BANK = 10;
    /** Advisory lock keys of webhook registration: this base ("WEBH") plus the bank's party id. */
    private static final long ADVISORY_LOCK_BASE = 0x5745_4248_0000_0000L;

    private final Journal journal;
    private final Idempotency idempotency;

    public WebhookService(Journal journal, Idempotency idempotency) {
        this.journal = journal;
        this.idempotency = idempotency;
    }

    @WithTransaction
    public Uni<WebhookView> register(Caller caller, WebhookInputs.Registration in, String idempotencyKey) {
        long bankId = caller.bankId();
        String url = WebhookUrls.check(in.url(), "url");
        String description = in.description() == null || in.description().isBlank() ? null : in.description().strip();
        return idempotency.once(caller, "register-webhook", idempotencyKey, in, WebhookView.class, () -> Party
                .<Party>findById(bankId)
                .flatMap(bank -> {
                    if (bank == null || bank.kind != PartyKind.BANK) {
                        throw new ApiProblem(422, "unknown-or-unfit-party", "Refused by a ledger rule",
                                "the token's org " + bankId + " is not a registered BANK");
                    }
                    // Serializes registrations of one bank, so the limit holds under concurrency.
                    return Panache.getSession().flatMap(s -> s.createNativeQuery(
                                            "select count(*) from (select pg_advisory_xact_lock(:key)) as locked", Long.class)
                                    .setParameter("key", ADVISORY_LOCK_BASE + bankId).getSingleResult())
                            .flatMap(x -> Webhook.count("bank.id = ?1 and active = true", bankId))
                            .flatMap(active -> {
                                if (active >= MAX_ACTIVE_PER_BANK) {
                                    throw new ApiProblem(422, "too-many-webhooks", "Refused by a ledger rule",
                                            "bank " + bankId + " already has " + active + " active webhooks (at most "
                                                    + MAX_ACTIVE_PER_BANK + "); deactivate one first",
                                            List.of(new FieldError("url", "one webhook too many")));
                                }
                                Webhook w = new Webhook();
                                w.bank = bank;
                                w.url = url;
                                w.description = description;
                                w.secret = WebhookSignature.newSecret();
                                w.active = true;
                                w.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                                w.createdBy = caller.actor();
                                return w.<Webhook>persistAndFlush();
                            });
                })
                .flatMap(w -> {
                    WebhookView view = WebhookView.of(w);
                    // The journal never holds the secret.
                    return journal.append(caller, JournalAction.WEBHOOK_REGISTERED, "WEBHOOK", w.id, List.of(), view)
                            .map(seq -> view.withSecret(w.secret).withJournalSeq(seq));
                }));
    }

    /**
     * Deactivates the webhook and cancels its pending deliveries, in one transaction. Deactivating an
     * inactive webhook changes nothing and answers its current state.
     */
    @WithTransaction
    public Uni<WebhookView> deactivate(Caller caller, long id) {
        long bankId = caller.bankId();
        return Webhook.<Webhook>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .call(w -> w == null ? Uni.createFrom().nullItem() : Mutiny.fetch(w.bank))
                .flatMap(w -> {
                    if (w == null || w.bank.id != bankId) {
                        throw ApiProblem.notFound("webhook", id);
                    }
                    if (!w.active) {
                        return Uni.createFrom().item(WebhookView.of(w));
                    }
                    w.active = false;
                    w.deactivatedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                    w.deactivatedBy = caller.actor();
                    return Panache.getSession()
                            .flatMap(s -> s.createNativeQuery("update webhook_delivery set status = 'CANCELLED',"
                                            + " next_attempt_at = null where webhook_id = :id and status = 'PENDING'")
                                    .setParameter("id", id).executeUpdate())
                            .flatMap(cancelled -> {
                                WebhookView view = WebhookView.of(w);
                                return journal.append(caller, JournalAction.WEBHOOK_DEACTIVATED, "WEBHOOK", id, List.of(),
                                                Map.of("bank", view.bank(), "webhook", view, "cancelledDeliveries", cancelled))
                                        .map(view::withJournalSeq);
                            });
                });
    }

    @WithSession
    public Uni<Page<WebhookView>> search(Caller caller, Long bankId, Boolean active, int page, int size) {
        Long bank = bankId;
        if (caller.scopedToOwnOrg()) {
            if (bankId != null && bankId != caller.bankId()) {
                throw ApiProblem.forbidden("a bank sees only its own webhooks");
            }
            bank = caller.bankId();
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (bank != null) {
            where.append(" and w.bank.id = :bank");
            params.and("bank", bank);
        }
        if (active != null) {
            where.append(" and w.active = :active");
            params.and("active", active);
        }
        return Webhook.<Webhook>find("from Webhook w join fetch w.bank where " + where + " order by w.id", params)
                .page(io.quarkus.panache.common.Page.of(page, size)).list()
                .flatMap(items -> Webhook.find("from Webhook w where " + where, params).count()
                        .map(total -> new Page<>(items.stream().map(WebhookView::of).toList(), page, size, total)));
    }

    @WithSession
    public Uni<WebhookView> get(Caller caller, long id) {
        return visible(caller, id).map(WebhookView::of);
    }

    @WithSession
    public Uni<Page<DeliveryView>> deliveries(Caller caller, long webhookId, WebhookDelivery.Status status, int page,
                                              int size) {
        return visible(caller, webhookId).flatMap(w -> {
            String where = status == null ? "webhookId = :webhook" : "webhookId = :webhook and status = :status";
            Parameters params = Parameters.with("webhook", webhookId);
            if (status != null) {
                params.and("status", status);
            }
            var query = WebhookDelivery.<WebhookDelivery>find(where + " order by id desc", params)
                    .page(io.quarkus.panache.common.Page.of(page, size));
            return query.list().flatMap(items -> attempts(items).flatMap(byDelivery -> query.count()
                    .map(total -> new Page<>(items.stream()
                            .map(d -> DeliveryView.of(d, byDelivery.getOrDefault(d.id, List.of()))).toList(),
                            page, size, total))));
        });
    }

    private static Uni<Map<Long, List<DeliveryView.Attempt>>> attempts(List<WebhookDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return WebhookDeliveryAttempt.<WebhookDeliveryAttempt>list("deliveryId in ?1 order by deliveryId, attempt",
                        deliveries.stream().map(d -> d.id).toList())
                .map(list -> list.stream().collect(Collectors.groupingBy(a -> a.deliveryId,
                        Collectors.mapping(DeliveryView.Attempt::of, Collectors.toList()))));
    }

    private static Uni<Webhook> visible(Caller caller, long id) {
        return Webhook.<Webhook>find("from Webhook w join fetch w.bank where w.id = ?1", id).firstResult().map(w -> {
            if (w == null || (caller.scopedToOwnOrg() && caller.bankId() != w.bank.id)) {
                throw ApiProblem.notFound("webhook", id);
            }
            return w;
        });
    }
}
