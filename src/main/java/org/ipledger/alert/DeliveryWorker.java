package org.ipledger.alert;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the outbox. Every poll interval (a Vert.x periodic timer) it claims due PENDING deliveries with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances never take the same one, and pushes their
 * next_attempt_at past the attempt's timeout: a lease, so a delivery whose instance died is taken up
 * again. It then POSTs each (signed, see {@link WebhookSignature}) with a timeout, and records the
 * attempt with the status code or the error. A 2xx delivers; anything else is retried after
 * first-retry-delay x 2^(attempt-1) until max-attempts, then the delivery is FAILED.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** Concurrent sends per instance within one poll. */
    private static final int CONCURRENCY = 4;
    private static final int MAX_ERROR_LENGTH = 1000;

    private final Pool pool;
    private final Duration pollInterval;
    private final Duration timeout;
    private final Duration firstRetryDelay;
    private final int maxAttempts;
    private final int batchSize;
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile WebClient client;
    private volatile long timerId = -1;

    public DeliveryWorker(Pool pool,
                          @ConfigProperty(name = "ipledger.webhooks.poll-interval") Duration pollInterval,
                          @ConfigProperty(name = "ipledger.webhooks.timeout") Duration timeout,
                          @ConfigProperty(name = "ipledger.webhooks.first-retry-delay") Duration firstRetryDelay,
                          @ConfigProperty(name = "ipledger.webhooks.max-attempts") int maxAttempts,
                          @ConfigProperty(name = "ipledger.webhooks.batch-size") int batchSize) {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalStateException("ipledger.webhooks.max-attempts must be 1 to 20, not " + maxAttempts);
        }
        if (timeout.isZero() || timeout.isNegative() || firstRetryDelay.isNegative() || batchSize < 1) {
            throw new IllegalStateException("ipledger.webhooks: timeout must be positive, first-retry-delay not negative,"
                    + " batch-size at least 1");
        }
        this.pool = pool;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
        this.firstRetryDelay = firstRetryDelay;
        this.maxAttempts = maxAttempts;
        this.batchSize = batchSize;
    }

    void start(@Observes StartupEvent event, Vertx vertx) {
        if (pollInterval.isZero()) {
            LOG.info("webhook deliveries are off (ipledger.webhooks.poll-interval=0)");
            return;
        }
        client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setUserAgent("ipledger-webhooks/1"));
        timerId = vertx.setPeriodic(pollInterval.toMillis(), id -> poll());
    }

    void stop(@Observes ShutdownEvent event, Vertx vertx) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (client != null) {
            client.close();
        }
    }

    /** Delay before the retry that follows failed attempt number {@code attempt} (1-based). */
    static Duration retryDelay(Duration first, int attempt) {
        return first.multipliedBy(1L << Math.min(attempt - 1, 30));
    }

    private void poll() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        runOnce().subscribe().with(
                attempted -> polling.set(false),
                failure -> {
                    polling.set(false);
                    LOG.warnf("webhook deliveries not attempted this time: %s", failure.getMessage());
                });
    }

    /** Claims what is due and attempts each once; answers how many were attempted. */
    Uni<Integer> runOnce() {
        return claim().flatMap(claimed -> claimed.isEmpty() ? Uni.createFrom().item(0)
                : Multi.createFrom().iterable(claimed)
                .onItem().transformToUni(this::attempt).merge(CONCURRENCY)
                .collect().asList().map(List::size));
    }

    private record Claimed(long id, int attempts, String payload, String url, String secret) {
    }

    private record Outcome(Integer statusCode, String error) {
        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private Uni<List<Claimed>> claim() {
        long leaseMillis = timeout.toMillis() + 60_000;
        return pool.preparedQuery("""
                        with due as (
                            select d.id from webhook_delivery d join webhook w on w.id = d.webhook_id
                            where d.status = 'PENDING' and d.next_attempt_at <= now() and w.active
                            order by d.next_attempt_at, d.id
                            limit $1
                            for update of d skip locked)
                        update webhook_delivery d set next_attempt_at = now() + cast($2 as bigint) * interval '1 millisecond'
                        from due, webhook w
                        where d.id = due.id and w.id = d.webhook_id
                        returning d.id, d.attempts, d.payload, w.url, w.secret""")
                .execute(Tuple.of(batchSize, leaseMillis))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row r : rows) {
                        claimed.add(new Claimed(r.getLong("id"), r.getInteger("attempts"), r.getString("payload"),
                                r.getString("url"), r.getString("secret")));
                    }
                    return claimed;
                });
    }

    private Uni<Void> attempt(Claimed d) {
        byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
        long t = Instant.now().getEpochSecond();
        OffsetDateTime attemptedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        long started = System.nanoTime();
        return Uni.createFrom().deferred(() -> client.postAbs(d.url())
                        .timeout(timeout.toMillis())
                        .putHeader("Content-Type", "application/json")
                        .putHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.header(d.secret(), t, body))
                        .putHeader(WebhookSignature.DELIVERY_ID_HEADER, String.valueOf(d.id()))
                        .as(BodyCodec.none())
                        .sendBuffer(Buffer.buffer(body)))
                .map(response -> new Outcome(response.statusCode(), null))
                .onFailure().recoverWithItem(e -> new Outcome(null, describe(e)))
                .flatMap(outcome -> record(d, attemptedAt, (int) ((System.nanoTime() - started) / 1_000_000), outcome));
    }

    /** The attempt, and the delivery's new state: DELIVERED, PENDING with its next attempt, or FAILED. */
    private Uni<Void> record(Claimed d, OffsetDateTime attemptedAt, int durationMs, Outcome outcome) {
        return pool.withTransaction(conn -> conn
                        .preparedQuery("select attempts from webhook_delivery where id = $1 for update")
                        .execute(Tuple.of(d.id()))
                        .flatMap(rows -> {
                            int attempt = rows.iterator().next().getInteger("attempts") + 1;
                            String status = outcome.succeeded() ? "DELIVERED" : attempt >= maxAttempts ? "FAILED" : "PENDING";
                            long retryMillis = retryDelay(firstRetryDelay, attempt).toMillis();
                            return conn.preparedQuery("""
                                            insert into webhook_delivery_attempt
                                                (delivery_id, attempt, attempted_at, duration_ms, status_code, error, succeeded)
                                            values ($1, $2, $3, $4, $5, $6, $7)""")
                                    .execute(Tuple.from(Arrays.<Object>asList(d.id(), attempt, attemptedAt, durationMs,
                                            outcome.statusCode(), outcome.error(), outcome.succeeded())))
                                    .flatMap(x -> conn.preparedQuery("""
                                                    update webhook_delivery set attempts = $2,
                                                        last_attempt_at = cast($3 as timestamptz),
                                                        last_status_code = $4, last_error = $5, status = cast($6 as text),
                                                        delivered_at = case when cast($6 as text) = 'DELIVERED'
                                                            then cast($3 as timestamptz) end,
                                                        next_attempt_at = case when cast($6 as text) = 'PENDING'
                                                            then now() + cast($7 as bigint) * interval '1 millisecond' end
                                                    where id = $1 and status = 'PENDING'""")
                                            .execute(Tuple.from(Arrays.<Object>asList(d.id(), attempt, attemptedAt,
                                                    outcome.statusCode(), outcome.error(), status, retryMillis))))
                                    .invoke(x -> LOG.debugf("delivery %d attempt %d: %s", d.id(), attempt,
                                            outcome.statusCode() != null ? outcome.statusCode() : outcome.error()));
                        }))
                .replaceWithVoid();
    }

    private static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
