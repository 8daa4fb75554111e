package org.ipledger.common;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.SocketException;
import java.util.Map;

/**
 * The database did not answer (restart, failover, network): 503 with Retry-After, not 500. Whether a
 * write that was under way committed is unknown (the connection may have died after COMMIT was sent),
 * so the answer does not claim that nothing changed: it tells the client to retry with the same
 * Idempotency-Key, which replays the first answer if the write did commit.
 */
final class DatabaseUnavailable {

    static final int RETRY_AFTER_SECONDS = 2;

    private DatabaseUnavailable() {
    }

    /** How deep into causes and suppressed exceptions to look: a bound, not a guess at real depths. */
    private static final int MAX_DEPTH = 12;

    /**
     * Connection refused, reset or lost, or PostgreSQL shutting down / not yet accepting (SQLSTATE
     * classes 08 and 57P), anywhere among the causes or the suppressed exceptions (a reset socket
     * arrives on top, with Hibernate's exception suppressed under it).
     */
    static boolean causedBy(Throwable t) {
        return causedBy(t, 0);
    }

    private static boolean causedBy(Throwable t, int depth) {
        if (t == null || depth > MAX_DEPTH) {
            return false;
        }
        if (t instanceof SocketException || t instanceof ClosedConnectionException) {
            return true;
        }
        if (t instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (causedBy(s, depth + 1)) {
                return true;
            }
        }
        return t.getCause() != t && causedBy(t.getCause(), depth + 1);
    }

    static Problem problem() {
        return new Problem(503, "database-unavailable", "Database unavailable",
                "the ledger's database did not answer; a write under way may or may not have been applied:"
                        + " retry with the same Idempotency-Key, which replays the first answer if it was",
                null, Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
    }
}
