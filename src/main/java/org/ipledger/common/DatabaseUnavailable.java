package org.ipledger.common;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.ConnectException;
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

    /** Connection refused or lost, or PostgreSQL shutting down / not yet accepting (SQLSTATE classes 08 and 57P). */
    static boolean causedBy(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof ClosedConnectionException) {
                return true;
            }
            if (c instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    static Problem problem() {
        return new Problem(503, "database-unavailable", "Database unavailable",
                "the ledger's database did not answer; a write under way may or may not have been applied:"
                        + " retry with the same Idempotency-Key, which replays the first answer if it was",
                null, Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS));
    }
}
