import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ipledger.party.CreditCode;
import org.ipledger.registry.RegistryNumbers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver of deploy/local/prove.sh: two ipledger instances on one primary and one streaming
 * replica, and four proofs. Run by the script (it passes everything as system properties), with the
 * service's own libraries on the class path:
 *
 * <pre>java -cp 'target/quarkus-app/lib/main/*:target/quarkus-app/app/*' deploy/local/Prove.java</pre>
 *
 * Every pledge filing carries an Idempotency-Key; a filing without an answer (its instance died, the
 * database went away) is retried with the same key and body, as a bank's client would. The counts at
 * the end cover every filing of the run; any violation exits with status 1.
 */
public class Prove {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).executor(Executors.newFixedThreadPool(8)).build();
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    static List<String> instances;
    static List<Long> pids;
    static String primaryJdbc;
    static String replicaJdbc;
    static String restartPrimary;
    static PrivateKey signingKey;
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final AtomicLong SERIAL = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 5_000_000));

    // The run's counts, over every filing of every phase.
    static final AtomicInteger sent = new AtomicInteger();
    static final AtomicInteger retried = new AtomicInteger();
    /** Pledge id acknowledged (201) per asset id: more than one id for one asset is a violation at once. */
    static final Map<Long, Set<Long>> acknowledged = new ConcurrentHashMap<>();
    static final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        instances = List.of(System.getProperty("prove.instances").split(","));
        pids = java.util.Arrays.stream(System.getProperty("prove.pids").split(",")).map(Long::parseLong).toList();
        primaryJdbc = System.getProperty("prove.primary");
        replicaJdbc = System.getProperty("prove.replica");
        restartPrimary = System.getProperty("prove.restartPrimary");
        signingKey = privateKey(Path.of(System.getProperty("prove.jwtKey")));
        Instant started = Instant.now();

        Setup setup = setup();
        raceForTheSameAssets(setup, 40);
        killAnInstanceUnderLoad(setup, 300);
        restartThePrimaryUnderLoad(setup, 200);
        aggregatesFromTheReplica(setup);

        long assetsWithTwoLivePledges = scalar(primaryJdbc, """
                select count(*) from (select asset_id from pledge_asset where live group by asset_id having count(*) > 1) d""");
        long ackedPledges = acknowledged.values().stream().mapToLong(Set::size).sum();
        long found = found();
        long duplicates = assetsWithTwoLivePledges
                + acknowledged.values().stream().filter(ids -> ids.size() > 1).count();
        long lost = ackedPledges - found;
        System.out.println();
        System.out.println("== counts (all phases)");
        System.out.printf("requests sent:  %d (%d of them retries with the same Idempotency-Key)%n", sent.get(), retried.get());
        System.out.printf("acknowledged:   %d pledges (201)%n", ackedPledges);
        System.out.printf("found:          %d of them in the primary, live, on their asset%n", found);
        System.out.printf("duplicates:     %d (assets with two live pledges, or two pledges acknowledged for one asset)%n", duplicates);
        System.out.printf("lost:           %d (acknowledged, not in the database)%n", lost);
        System.out.printf("time:           %d s%n", Duration.between(started, Instant.now()).toSeconds());
        if (duplicates != 0) {
            violations.add(duplicates + " duplicates");
        }
        if (lost != 0) {
            violations.add(lost + " acknowledged pledges lost");
        }
        if (!violations.isEmpty()) {
            System.out.println("VIOLATIONS:");
            violations.forEach(v -> System.out.println("  - " + v));
            System.exit(1);
        }
        System.out.println("PASS");
        System.exit(0);
    }

    // ---- setup --------------------------------------------------------------------------------

    record Setup(long enterprise, long bank1, long bank2) {
    }

    static Setup setup() throws Exception {
        String a = instances.get(0);
        long enterprise = id(call(a, "POST", "/api/v1/parties", token("admin", null), null, Map.of(
                "kind", "ENTERPRISE", "name", "苏州证明科技有限公司", "creditCode", creditCode(),
                "district", "SUZHOU_INDUSTRIAL_PARK", "industry", "NANOTECHNOLOGY")), 201);
        long bank1 = id(call(a, "POST", "/api/v1/parties", token("admin", null), null,
                Map.of("kind", "BANK", "name", "苏州证明银行一", "creditCode", creditCode())), 201);
        long bank2 = id(call(a, "POST", "/api/v1/parties", token("admin", null), null,
                Map.of("kind", "BANK", "name", "苏州证明银行二", "creditCode", creditCode())), 201);
        System.out.printf("setup: enterprise %d, banks %d and %d%n", enterprise, bank1, bank2);
        return new Setup(enterprise, bank1, bank2);
    }

    /** Fresh VALID invention patents of the enterprise, created through the API (8 at a time). */
    static List<Long> assets(Setup s, int n, String on) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(pool.submit(() -> {
                    String digits = String.format("2020%c%07d", '1', SERIAL.incrementAndGet() % 10_000_000);
                    return id(call(on, "POST", "/api/v1/assets", token("registrar", null), null, Map.of(
                            "kind", "INVENTION_PATENT", "registryNumber", digits + "." + RegistryNumbers.patentCheckCharacter(digits),
                            "title", "证明用专利 " + digits, "holderIds", List.of(s.enterprise),
                            "filingDate", "2020-03-15", "grantDate", "2022-06-01")), 201);
                }));
            }
            List<Long> out = new ArrayList<>();
            for (Future<Long> f : ids) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    // ---- filings ------------------------------------------------------------------------------

    /** One filing as a bank's client would send it: the same key and body on every attempt. */
    record Filing(long asset, long bank, String key, Map<String, Object> body) {
        static Filing of(Setup s, long asset, long bank) {
            return new Filing(asset, bank, UUID.randomUUID().toString(), Map.of("pledgorIds", List.of(s.enterprise),
                    "pledgeeId", bank, "assetIds", List.of(asset), "securedAmount", "1000000.00",
                    "termStartsOn", TODAY.toString(), "termEndsOn", TODAY.plusYears(2).toString()));
        }
    }

    /** The status (or -1 without an answer); a 201 is recorded as acknowledged. */
    static int file(Filing f, String on, boolean retry) {
        sent.incrementAndGet();
        if (retry) {
            retried.incrementAndGet();
        }
        try {
            HttpResponse<String> r = call(on, "POST", "/api/v1/pledges", token("bank", f.bank), f.key, f.body);
            if (r.statusCode() == 201) {
                long pledge = JSON.readTree(r.body()).get("id").asLong();
                acknowledged.computeIfAbsent(f.asset, k -> ConcurrentHashMap.newKeySet()).add(pledge);
            }
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Retries until answered (201 or 409), at most a minute: a bank's client after an outage. */
    static int retryUntilAnswered(Filing f, String on) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        int status;
        do {
            status = file(f, on, true);
            if (status == 201 || status == 409) {
                return status;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return status;
    }

    // ---- (1) race -----------------------------------------------------------------------------

    static void raceForTheSameAssets(Setup s, int assetCount) throws Exception {
        System.out.println();
        System.out.printf("== (1) race: %d assets, 4 filings each at the same moment (2 banks x 2 instances)%n", assetCount);
        List<Long> assets = assets(s, assetCount, instances.get(0));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> winners = new ConcurrentHashMap<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (long asset : assets) {
                CountDownLatch go = new CountDownLatch(1);
                for (long bank : List.of(s.bank1, s.bank2)) {
                    for (String on : instances) {
                        Filing f = Filing.of(s, asset, bank);
                        done.add(pool.submit(() -> {
                            go.await();
                            int status = file(f, on, false);
                            statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                            if (status == 201) {
                                winners.computeIfAbsent(asset, k -> new AtomicInteger()).incrementAndGet();
                            }
                            return null;
                        }));
                    }
                }
                go.countDown();
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long exactlyOne = assets.stream().filter(a -> winners.getOrDefault(a, new AtomicInteger()).get() == 1).count();
        long liveExactlyOne = scalar(primaryJdbc, "select count(*) from (select asset_id from pledge_asset where live and asset_id = any(?)"
                + " group by asset_id having count(*) = 1) d", assets);
        System.out.printf("answers: %s%n", new java.util.TreeMap<>(statuses));
        System.out.printf("assets with exactly one 201: %d of %d; with exactly one live pledge in the database: %d of %d%n",
                exactlyOne, assets.size(), liveExactlyOne, assets.size());
        if (exactlyOne != assets.size() || liveExactlyOne != assets.size()) {
            violations.add("race: not exactly one winner per asset");
        }
        if (statuses.keySet().stream().anyMatch(st -> st != 201 && st != 409)) {
            violations.add("race: answers other than 201 and 409: " + statuses);
        }
    }

    // ---- (2) SIGKILL ----------------------------------------------------------------------------

    static void killAnInstanceUnderLoad(Setup s, int assetCount) throws Exception {
        System.out.println();
        System.out.printf("== (2) SIGKILL: %d filings over both instances; the second instance (pid %d) is killed a third of the way%n",
                assetCount, pids.get(1));
        List<Long> assets = assets(s, assetCount, instances.get(0));
        List<Filing> filings = new ArrayList<>();
        for (int i = 0; i < assets.size(); i++) {
            filings.add(Filing.of(s, assets.get(i), i % 2 == 0 ? s.bank1 : s.bank2));
        }
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        List<Filing> unanswered = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < filings.size(); i++) {
                Filing f = filings.get(i);
                String on = instances.get(i % 2);
                done.add(pool.submit(() -> {
                    int status = file(f, on, false);
                    statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                    if (status != 201) {
                        unanswered.add(f);
                    }
                    if (answered.incrementAndGet() == filings.size() / 3 && killed.compareAndSet(false, true)) {
                        ProcessHandle.of(pids.get(1)).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL on Linux
                        System.out.printf("killed pid %d after %d answers%n", pids.get(1), answered.get());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf("first attempts: %s (-1: no answer)%n", new java.util.TreeMap<>(statuses));
        if (!killed.get() || ProcessHandle.of(pids.get(1)).map(ProcessHandle::isAlive).orElse(false)) {
            violations.add("SIGKILL: the second instance was not killed");
        }
        int retriedOk = 0;
        for (Filing f : unanswered) {
            if (retryUntilAnswered(f, instances.get(0)) == 201) {
                retriedOk++;
            }
        }
        System.out.printf("retried on the surviving instance with the same key: %d, answered 201: %d%n", unanswered.size(), retriedOk);
        long oneLive = scalar(primaryJdbc, "select count(*) from (select asset_id from pledge_asset where live and asset_id = any(?)"
                + " group by asset_id having count(*) = 1) d", assets);
        System.out.printf("assets with exactly one live pledge: %d of %d%n", oneLive, assets.size());
        if (retriedOk != unanswered.size() || oneLive != assets.size()) {
            violations.add("SIGKILL: after retries, not every asset has exactly one live pledge");
        }
    }

    // ---- (3) PostgreSQL restart ------------------------------------------------------------------

    static void restartThePrimaryUnderLoad(Setup s, int assetCount) throws Exception {
        String a = instances.get(0);
        System.out.println();
        System.out.printf("== (3) PostgreSQL restart under load: filings on %s while the primary stops (-m fast) and starts again%n", a);
        List<Long> assets = assets(s, assetCount, a);
        List<Filing> filings = assets.stream().map(asset -> Filing.of(s, asset, s.bank1)).toList();
        List<Filing> unanswered = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            done.add(pool.submit(() -> {
                int i;
                while (loading.get() && (i = next.getAndIncrement()) < filings.size()) {
                    Filing f = filings.get(i);
                    int status = file(f, a, false);
                    statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                    if (status != 201) {
                        unanswered.add(f);
                    }
                    Thread.sleep(20); // a steady load, spread over the outage rather than spent before it
                }
                return null;
            }));
        }
        // Readiness, every 100 ms, from before the restart until it has been UP again for a second.
        List<String> readiness = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sawNotReady = new AtomicBoolean();
        AtomicLong recoveredAfterMillis = new AtomicLong(-1);
        AtomicLong stoppedAt = new AtomicLong();
        Future<?> poller = pool.submit(() -> {
            String last = "";
            long upSince = 0;
            while (true) {
                int status = status(a, "/q/health/ready");
                String now = status == 200 ? "200" : status == 503 ? "503" : "no answer";
                if (!now.equals(last)) {
                    readiness.add(now + (stoppedAt.get() == 0 ? "" : " at +" + (System.currentTimeMillis() - stoppedAt.get()) + " ms"));
                    last = now;
                }
                if (status == 503) {
                    sawNotReady.set(true);
                }
                if (status == 200 && sawNotReady.get()) {
                    if (upSince == 0) {
                        upSince = System.currentTimeMillis();
                        recoveredAfterMillis.set(upSince - stoppedAt.get());
                    } else if (System.currentTimeMillis() - upSince > 1000) {
                        return null;
                    }
                } else {
                    upSince = 0;
                }
                if (stoppedAt.get() != 0 && System.currentTimeMillis() - stoppedAt.get() > 90_000) {
                    return null;
                }
                Thread.sleep(100);
            }
        });
        Thread.sleep(1500);
        stoppedAt.set(System.currentTimeMillis());
        Process restart = new ProcessBuilder("bash", restartPrimary).inheritIO().start();
        if (!restart.waitFor(2, TimeUnit.MINUTES) || restart.exitValue() != 0) {
            violations.add("restart: the restart command failed");
        }
        poller.get(2, TimeUnit.MINUTES);
        Thread.sleep(1000);
        loading.set(false);
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long samePid = pids.get(0);
        boolean sameProcess = ProcessHandle.of(samePid).map(ProcessHandle::isAlive).orElse(false);
        System.out.printf("readiness of %s: %s%n", a, String.join(" -> ", readiness));
        System.out.printf("filings during the restart: %s (503: database unavailable, retry; -1: no answer)%n",
                new java.util.TreeMap<>(statuses));
        System.out.printf("not ready seen: %s; ready again %d ms after the stop began, same process (pid %d) alive: %s%n",
                sawNotReady.get(), recoveredAfterMillis.get(), samePid, sameProcess);
        if (statuses.keySet().stream().anyMatch(st -> st != 201 && st != 503 && st != -1)) {
            violations.add("restart: a database outage must be answered 503 (retry), got " + statuses);
        }
        if (!sawNotReady.get()) {
            violations.add("restart: readiness never reported 503");
        }
        if (recoveredAfterMillis.get() < 0 || !sameProcess) {
            violations.add("restart: the instance did not become ready again by itself");
        }
        int retriedOk = 0;
        for (Filing f : unanswered) {
            if (retryUntilAnswered(f, a) == 201) {
                retriedOk++;
            }
        }
        List<Long> attempted = filings.stream().filter(f -> acknowledged.containsKey(f.asset) || unanswered.contains(f))
                .map(Filing::asset).toList();
        long oneLive = scalar(primaryJdbc, "select count(*) from (select asset_id from pledge_asset where live and asset_id = any(?)"
                + " group by asset_id having count(*) = 1) d", attempted);
        System.out.printf("retried after recovery with the same key: %d, answered 201: %d; assets with exactly one live pledge: %d of %d filed%n",
                unanswered.size(), retriedOk, oneLive, attempted.size());
        if (retriedOk != unanswered.size() || oneLive != attempted.size()) {
            violations.add("restart: after retries, not every filed asset has exactly one live pledge");
        }
    }

    // ---- (4) replica ---------------------------------------------------------------------------

    static void aggregatesFromTheReplica(Setup s) throws Exception {
        String a = instances.get(0);
        System.out.println();
        System.out.println("== (4) regulator aggregates from the replica");
        // The office registers 20 of the acknowledged pledges: the registration basis counts them this month.
        List<Long> pledges = acknowledged.values().stream().flatMap(Set::stream).limit(20).toList();
        for (long p : pledges) {
            register(a, p);
        }
        YearMonth month = YearMonth.from(TODAY);
        String query = "/api/v1/regulator/aggregates?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth();
        String registered = "select count(*) from pledge where registered_on is not null and term_starts_on between '"
                + month.atDay(1) + "' and '" + month.atEndOfMonth() + "'";
        System.out.printf("replica on %s in recovery (a standby): %s%n", replicaJdbc, scalarText(replicaJdbc, "select pg_is_in_recovery()::text"));

        JsonNode caughtUp = awaitPledges(a, query, scalar(primaryJdbc, registered));
        System.out.printf("caught up: %d pledges on the primary, %d on the replica, answer %d, readFrom %s%n",
                scalar(primaryJdbc, registered), scalar(replicaJdbc, registered), pledgesIn(caughtUp), caughtUp.get("readFrom"));
        expect(caughtUp, "REPLICA", "caught-up replica");

        // Replay paused on the replica: a registration on the primary is not in the answer, and the answer says it may lag.
        execute(replicaJdbc, "select pg_wal_replay_pause()");
        long pledge = acknowledged.values().stream().flatMap(Set::stream).skip(20).findFirst().orElseThrow();
        register(a, pledge);
        Thread.sleep(300);
        JsonNode paused = JSON.readTree(call(a, "GET", query, token("regulator", null), null, null).body());
        System.out.printf("replay paused, one more registered: %d on the primary, %d on the replica, answer %d, readFrom %s%n",
                scalar(primaryJdbc, registered), scalar(replicaJdbc, registered), pledgesIn(paused), paused.get("readFrom"));
        expect(paused, "REPLICA", "paused replica within the maximum lag");
        if (pledgesIn(paused) != scalar(replicaJdbc, registered) || paused.get("readFrom").get("lagMillis").asLong() <= 0) {
            violations.add("replica: a lagging replica's answer must show the replica's figure and a lag above 0");
        }
        // Beyond the maximum lag (the script sets 8 s) the primary answers, and says why.
        Thread.sleep(Long.parseLong(System.getProperty("prove.maxLagMillis", "8000")) + 1000);
        JsonNode stale = JSON.readTree(call(a, "GET", query, token("regulator", null), null, null).body());
        System.out.printf("replay still paused, past the maximum lag: answer %d, readFrom %s%n", pledgesIn(stale), stale.get("readFrom"));
        expect(stale, "PRIMARY", "replica past the maximum lag");
        if (pledgesIn(stale) != scalar(primaryJdbc, registered)) {
            violations.add("replica: the fallback answer must be the primary's figure");
        }
        execute(replicaJdbc, "select pg_wal_replay_resume()");
        JsonNode resumed = awaitPledges(a, query, scalar(primaryJdbc, registered));
        System.out.printf("replay resumed: answer %d, readFrom %s%n", pledgesIn(resumed), resumed.get("readFrom"));
        expect(resumed, "REPLICA", "resumed replica");
    }

    static void register(String on, long pledge) throws Exception {
        HttpResponse<String> r = call(on, "POST", "/api/v1/pledges/" + pledge + "/registration", token("registrar", null),
                UUID.randomUUID().toString(), Map.of("officeNumber", "Y" + TODAY.getYear() + "97" + SERIAL.incrementAndGet(),
                        "registeredOn", TODAY.toString()));
        if (r.statusCode() != 200) {
            violations.add("registration of pledge " + pledge + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The aggregates once they show {@code expected} pledges read on the replica (replication takes milliseconds). */
    static JsonNode awaitPledges(String on, String query, long expected) throws Exception {
        JsonNode j = null;
        for (int i = 0; i < 50; i++) {
            j = JSON.readTree(call(on, "GET", query, token("regulator", null), null, null).body());
            if (pledgesIn(j) == expected && "REPLICA".equals(j.get("readFrom").get("source").asText())) {
                return j;
            }
            Thread.sleep(200);
        }
        violations.add("replica: the aggregates never showed " + expected + " pledges read on the replica: " + j);
        return j;
    }

    static long pledgesIn(JsonNode aggregates) {
        return aggregates.get("registrationBasis").get("total").get("pledges").asLong();
    }

    static void expect(JsonNode aggregates, String source, String when) {
        if (!source.equals(aggregates.get("readFrom").get("source").asText())) {
            violations.add("replica: " + when + ": expected source " + source + ", got " + aggregates.get("readFrom"));
        }
    }

    // ---- database checks ------------------------------------------------------------------------

    /** Acknowledged pledges present on the primary, live, on the asset they were filed for. */
    static long found() throws SQLException {
        long n = 0;
        try (Connection c = DriverManager.getConnection(primaryJdbc, "postgres", "");
                PreparedStatement q = c.prepareStatement("""
                        select count(*) from pledge p join pledge_asset pa on pa.pledge_id = p.id
                        where p.id = ? and pa.asset_id = ? and pa.live and p.status in ('PENDING','ACTIVE')""")) {
            for (var e : acknowledged.entrySet()) {
                for (long pledge : e.getValue()) {
                    q.setLong(1, pledge);
                    q.setLong(2, e.getKey());
                    try (ResultSet r = q.executeQuery()) {
                        r.next();
                        n += r.getLong(1);
                    }
                }
            }
        }
        return n;
    }

    static long scalar(String url, String sql, List<Long> ids) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); PreparedStatement q = c.prepareStatement(sql)) {
            q.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static long scalar(String url, String sql) throws SQLException {
        return Long.parseLong(scalarText(url, sql));
    }

    static String scalarText(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement q = c.createStatement();
                ResultSet r = q.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement q = c.createStatement()) {
            q.execute(sql);
        }
    }

    // ---- HTTP and tokens ------------------------------------------------------------------------

    static HttpResponse<String> call(String base, String method, String path, String token, String idempotencyKey,
                                     Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int status(String base, String path) {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(3)).GET().build();
            return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static long id(HttpResponse<String> r, int expected) throws IOException {
        if (r.statusCode() != expected) {
            throw new IllegalStateException(r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asLong();
    }

    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /** An RS256 token signed with the development key, as deploy/dev/token.sh mints them. */
    static String token(String role, Long org) {
        return TOKENS.computeIfAbsent(role + ":" + org, k -> {
            try {
                long now = Instant.now().getEpochSecond();
                Map<String, Object> claims = new LinkedHashMap<>();
                claims.put("iss", "ipledger-dev");
                claims.put("sub", "prove-" + role + (org == null ? "" : "-" + org));
                claims.put("upn", claims.get("sub"));
                claims.put("groups", List.of(role));
                if (org != null) {
                    claims.put("org", org);
                }
                claims.put("iat", now);
                claims.put("exp", now + 3600);
                Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
                String input = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                        + "." + b64.encodeToString(JSON.writeValueAsBytes(claims));
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(signingKey);
                rsa.update(input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + b64.encodeToString(rsa.sign());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static PrivateKey privateKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    static String creditCode() {
        String body = String.format("913205%011d", SERIAL.incrementAndGet());
        return body + CreditCode.checkCharacter(body);
    }
}
