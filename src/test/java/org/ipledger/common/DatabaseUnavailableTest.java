package org.ipledger.common;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures are a database outage (503, retry) rather than a fault of the ledger (500). */
class DatabaseUnavailableTest {

    @Test
    void refusedConnectionDeepInTheChainIsAnOutage() {
        assertTrue(DatabaseUnavailable.causedBy(new CompletionException(new ConnectException("Connection refused"))));
    }

    @Test
    void connectionLostDuringATransactionIsAnOutage() {
        assertTrue(DatabaseUnavailable.causedBy(new HibernateException(ClosedConnectionException.INSTANCE)));
    }

    @Test
    void resetSocketWithHibernatesExceptionSuppressedIsAnOutage() {
        var reset = new java.net.SocketException("Connection reset");
        reset.addSuppressed(new HibernateException("HR000092: Unable to open a connection to the database"));
        assertTrue(DatabaseUnavailable.causedBy(new HibernateException("HR000092", reset)));
    }

    @Test
    void serverShuttingDownOrStartingIsAnOutage() {
        assertTrue(DatabaseUnavailable.causedBy(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertTrue(DatabaseUnavailable.causedBy(new PgException("the database system is starting up", "FATAL", "57P03", null)));
    }

    @Test
    void aConstraintViolationIsNotAnOutage() {
        assertFalse(DatabaseUnavailable.causedBy(new PgException("duplicate key", "ERROR", "23505", null)));
        assertFalse(DatabaseUnavailable.causedBy(new IllegalStateException("bug")));
    }

    @Test
    void outageAnswerAsksForARetryWithTheSameKey() {
        Problem p = DatabaseUnavailable.problem();
        assertEquals(503, p.getStatus());
        assertTrue(p.getDetail().contains("same Idempotency-Key"));
    }
}
