package org.ipledger.replica;

import io.quarkus.arc.InjectableInstance;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Chooses where a read that may be stale (the lab's and regulators' statistics) runs: on the
 * {@code replica} datasource when one is configured ({@code IPLEDGER_REPLICA_URL}) and close enough
 * behind the primary, on the primary otherwise. Writes and bank-facing reads never come here: they
 * use the default (primary) pool directly.
 * <p>
 * How far behind: the primary's WAL position is read first; a standby that has replayed up to it has
 * everything committed before the request started (lag 0). Otherwise the standby has everything up to
 * the commit time of the last transaction it replayed ({@code pg_last_xact_replay_timestamp}, the
 * primary's clock), and the lag is the primary's clock minus that. Replay timestamps alone would report
 * an idle but caught-up standby as ever further behind; the WAL position comparison avoids that.
 * <p>
 * Beyond {@code ipledger.stats.replica.max-lag}, or when the replica does not answer, the primary answers:
 * the statistics are bounded index scans of the summary tables, cheap enough for the primary to absorb
 * while a replica catches up, and a regulator's figure silently minutes old is worse than a brief extra
 * load. The answer says so ({@link ReadFrom#fallbackReason()}).
 */
@ApplicationScoped
public class ReadReplica {

    /** A read's pool and what to tell the client about it. */
    public record Read(Pool pool, ReadFrom readFrom) {
    }

    private static final Logger LOG = Logger.getLogger(ReadReplica.class);

    private final Pool primary;
    /** null when no replica is configured: the named datasource is then inactive (it has no URL). */
    private final Pool replica;
    private final Duration maxLag;

    public ReadReplica(Pool primary, @ReactiveDataSource("replica") InjectableInstance<Pool> replica,
                       @ConfigProperty(name = "ipledger.stats.replica.max-lag", defaultValue = "30s") Duration maxLag) {
        this.primary = primary;
        List<Pool> active = replica.listActive();
        this.replica = active.isEmpty() ? null : active.get(0);
        this.maxLag = maxLag;
        LOG.infof(this.replica == null ? "Statistics read from the primary (IPLEDGER_REPLICA_URL is not set)"
                : "Statistics read from the replica datasource while it is at most %s behind", maxLag);
    }

    public boolean replicaConfigured() {
        return replica != null;
    }

    /** Decides where one request's statistics are read. Never fails for a replica's sake. */
    public Uni<Read> choose() {
        if (replica == null) {
            return Uni.createFrom().item(onPrimary(null));
        }
        return primaryPosition()
                .flatMap(position -> replica.preparedQuery("""
                                select pg_is_in_recovery() as standby, clock_timestamp() as now,
                                       pg_last_xact_replay_timestamp() as replayed_at,
                                       case when not pg_is_in_recovery() then true
                                            when $1::text is null then false
                                            else pg_last_wal_replay_lsn() >= $1::pg_lsn end as caught_up""")
                        .execute(Tuple.tuple().addString(position == null ? null : position.lsn))
                        .map(rows -> decide(position, rows.iterator().next())))
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf(failure, "Replica unreachable; statistics read from the primary");
                    return onPrimary("replica unreachable: " + failure.getMessage());
                });
    }

    private record Position(String lsn, OffsetDateTime at) {
    }

    /** The primary's WAL position now; null when the primary does not answer (the replica may still). */
    private Uni<Position> primaryPosition() {
        return primary.query("select pg_current_wal_lsn()::text as lsn, clock_timestamp() as at")
                .execute()
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Position(r.getString("lsn"), r.getOffsetDateTime("at"));
                })
                .onFailure().recoverWithNull();
    }

    private Read decide(Position position, Row r) {
        OffsetDateTime replicaNow = r.getOffsetDateTime("now");
        if (!r.getBoolean("standby") || r.getBoolean("caught_up")) {
            // A writable server is current by definition; a caught-up standby has all the primary had.
            OffsetDateTime asOf = position != null && r.getBoolean("standby") ? position.at : replicaNow;
            return new Read(replica, new ReadFrom(ReadFrom.Source.REPLICA, utc(asOf), 0, null));
        }
        OffsetDateTime replayedAt = r.getOffsetDateTime("replayed_at");
        OffsetDateTime now = position != null ? position.at : replicaNow;
        if (replayedAt == null) {
            return onPrimary("replica has replayed nothing since it started: its lag is unknown");
        }
        long lagMillis = Math.max(0, Duration.between(replayedAt, now).toMillis());
        if (lagMillis > maxLag.toMillis() && position != null) {
            return onPrimary("replica lag " + lagMillis + " ms exceeds the maximum of " + maxLag.toMillis() + " ms");
        }
        // Within the bound, or the primary is down: a labelled, slightly old answer beats none.
        return new Read(replica, new ReadFrom(ReadFrom.Source.REPLICA, utc(replayedAt), lagMillis, null));
    }

    private Read onPrimary(String fallbackReason) {
        return new Read(primary, new ReadFrom(ReadFrom.Source.PRIMARY, OffsetDateTime.now(ZoneOffset.UTC), 0, fallbackReason));
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
