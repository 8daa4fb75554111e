package org.ipledger.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import org.jboss.logging.Logger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Gives the whole test run a fresh, empty database {@code ipledger_test} ({@code IPLEDGER_TEST_DB_NAME}
 * names another one).
 * <p>
 * Prefers a real PostgreSQL server (CI starts one with {@code deploy/local/postgres.sh}): host, port,
 * user and password from {@code IPLEDGER_TEST_DB_HOST} (127.0.0.1), {@code IPLEDGER_TEST_DB_PORT}
 * (5432), {@code IPLEDGER_TEST_DB_USER} (postgres), {@code IPLEDGER_TEST_DB_PASSWORD} (empty). The
 * database is dropped and recreated at every run, so nothing leaks from one run into the next; two
 * runs against the same server at the same time would disturb each other.
 * <p>
 * With no server answering, it starts a throwaway embedded PostgreSQL instead. It also falls back
 * when a server answers but refuses the default login (a developer's own PostgreSQL with password
 * authentication), unless one of the {@code IPLEDGER_TEST_DB_*} variables is set: then that server
 * was asked for explicitly, and a refusal fails the run instead of being hidden.
 * <p>
 * Needs PostgreSQL 13 or newer ({@code DROP DATABASE ... WITH (FORCE)}).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** IPLEDGER_TEST_DB_NAME lets two checkouts run their tests side by side on one server. */
    static final String DATABASE = databaseName(env("IPLEDGER_TEST_DB_NAME", "ipledger_test"));
    private static final String ADMIN_DATABASE = "postgres";
    private static final int REACHABLE_TIMEOUT_MILLIS = 2_000;
    private static final String LOGIN_TIMEOUT_SECONDS = "5";

    private static final Logger LOG = Logger.getLogger(PostgresTestResource.class);

    private EmbeddedPostgres embedded;

    @Override
    public Map<String, String> start() {
        String host = env("IPLEDGER_TEST_DB_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("IPLEDGER_TEST_DB_PORT", "5432"));
        String user = env("IPLEDGER_TEST_DB_USER", "postgres");
        String password = env("IPLEDGER_TEST_DB_PASSWORD", "");

        if (isReachable(host, port)) {
            try {
                recreateDatabase(host, port, user, password);
                LOG.infof("Tests use database '%s' on PostgreSQL at %s:%d", DATABASE, host, port);
                return datasource(host, port, user, password);
            } catch (SQLException e) {
                if (serverChosenExplicitly()) {
                    throw new IllegalStateException("Could not prepare test database '" + DATABASE + "' on "
                            + host + ":" + port + " as " + user + " (set by IPLEDGER_TEST_DB_*)", e);
                }
                LOG.warnf("The server at %s:%d answers but could not be used as '%s' (%s); using an embedded"
                        + " PostgreSQL. Set IPLEDGER_TEST_DB_USER / IPLEDGER_TEST_DB_PASSWORD to use that server.",
                        host, port, user, e.getMessage());
            }
        } else if (serverChosenExplicitly()) {
            throw new IllegalStateException("No PostgreSQL answers at " + host + ":" + port
                    + " (set by IPLEDGER_TEST_DB_*)");
        }
        return startEmbedded();
    }

    @Override
    public void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.warn("Could not stop the embedded PostgreSQL of the tests", e);
            } finally {
                embedded = null;
            }
        }
    }

    private Map<String, String> startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().start(); // temporary folder, free port, removed on close
            try (Connection connection = embedded.getPostgresDatabase().getConnection();
                    Statement sql = connection.createStatement()) {
                sql.execute("CREATE DATABASE " + DATABASE);
            }
            LOG.infof("No usable PostgreSQL server: tests use an embedded PostgreSQL on 127.0.0.1:%d",
                    embedded.getPort());
            return datasource("127.0.0.1", embedded.getPort(), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start an embedded PostgreSQL for the tests", e);
        } catch (SQLException e) {
            stop();
            throw new IllegalStateException("Could not create '" + DATABASE + "' in the embedded PostgreSQL", e);
        }
    }

    private static void recreateDatabase(String host, int port, String user, String password) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        login.setProperty("connectTimeout", LOGIN_TIMEOUT_SECONDS);
        login.setProperty("loginTimeout", LOGIN_TIMEOUT_SECONDS);
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + ADMIN_DATABASE;
        try (Connection connection = DriverManager.getConnection(url, login);
                Statement sql = connection.createStatement()) {
            // DATABASE passed databaseName(): a plain lower-case identifier, safe to splice into DDL.
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static boolean isReachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), REACHABLE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> datasource(String host, int port, String user, String password) {
        String hostPortDatabase = host + ":" + port + "/" + DATABASE;
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + hostPortDatabase,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPortDatabase,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    private static boolean serverChosenExplicitly() {
        return System.getenv().entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("IPLEDGER_TEST_DB_")
                        && !e.getKey().equals("IPLEDGER_TEST_DB_NAME")
                        && !e.getValue().isBlank());
    }

    /** The name is spliced into DROP/CREATE DATABASE, and the old one is dropped: accept only a plain one. */
    private static String databaseName(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("IPLEDGER_TEST_DB_NAME must be a lower-case SQL identifier"
                    + " (letters, digits, _; at most 63), not '" + name + "'");
        }
        if (name.equals("postgres") || name.startsWith("template")) {
            throw new IllegalArgumentException("IPLEDGER_TEST_DB_NAME must not name a system database: " + name);
        }
        return name;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
