package org.ipledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.ipledger.journal.Merkle;
import org.ipledger.party.CreditCode;
import org.ipledger.registry.AssetKind;
import org.ipledger.registry.RegistryNumbers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bench/generate.sql at the small scale, so the generator cannot rot: it runs in databases of its own
 * beside the test database (same server), migrated by the project's Flyway migrations.
 */
@QuarkusTest
class GeneratorTest {

    private static final int ASSETS = 2000;
    /** Banks are fixed; enterprises one per 20 assets (at least 30). */
    private static final int PARTIES = 20 + ASSETS / 20;
    private static final String[] TABLES = {"party", "ip_asset", "asset_holder", "legal_event", "asset_encumbrance",
            "valuation", "pledge", "pledge_asset", "pledge_pledgor", "pledge_event", "loan", "loan_pledge", "loan_event",
            "journal", "journal_leaf", "merkle_node", "stats_pledge_month", "stats_loan_month", "stats_member"};

    private static String server;
    private static String user;
    private static String password;
    private static String seven;

    @BeforeAll
    static void generate() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        server = url.substring(0, url.lastIndexOf('/') + 1);
        user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        password = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        seven = url.substring(url.lastIndexOf('/') + 1) + "_gen7";
        generateInto(seven, 7);
    }

    @AfterAll
    static void drop() throws SQLException {
        dropDatabase(seven);
    }

    @Test
    void smallScaleHasItsSizeAndEveryPartyOfSuzhouHasADistrictAndIndustry() throws SQLException {
        try (Connection c = connect(seven); Statement s = c.createStatement()) {
            assertEquals(ASSETS, count(s, "select count(*) from ip_asset"));
            assertEquals(PARTIES, count(s, "select count(*) from party"));
            assertEquals(20, count(s, "select count(*) from party where kind = 'BANK'"));
            assertEquals(0, count(s, "select count(*) from party where kind = 'ENTERPRISE' and (district is null or industry is null)"));
            assertEquals(6, count(s, "select count(distinct kind) from ip_asset"));
            assertEquals(10, count(s, "select count(distinct district) from party"));
            // every table the generator fills has rows, and the journal covers them
            for (String table : TABLES) {
                assertTrue(count(s, "select count(*) from " + table) > 0, table + " is empty");
            }
            assertEquals(count(s, "select count(*) from party") + count(s, "select count(*) from ip_asset")
                            + count(s, "select count(*) from legal_event") + count(s, "select count(*) from valuation")
                            + count(s, "select count(*) from pledge_event") + count(s, "select count(*) from loan")
                            + count(s, "select count(*) from loan_event"),
                    count(s, "select count(*) from journal"));
            // nothing after the data set's today (2026-11-01)
            assertEquals(0, count(s, "select count(*) from journal where recorded_at >= '2026-11-02'"));
        }
    }

    @Test
    void everyRegistryNumberAndCreditCodeValidates() throws SQLException {
        try (Connection c = connect(seven); Statement s = c.createStatement()) {
            int checked = 0;
            try (ResultSet r = s.executeQuery("select kind, registry_number from ip_asset")) {
                while (r.next()) {
                    String number = r.getString(2);
                    assertEquals(number, RegistryNumbers.normalize(AssetKind.valueOf(r.getString(1)), number));
                    checked++;
                }
            }
            try (ResultSet r = s.executeQuery("select credit_code from party")) {
                while (r.next()) {
                    assertEquals(r.getString(1), CreditCode.normalize(r.getString(1)));
                    checked++;
                }
            }
            assertEquals(ASSETS + PARTIES, checked);
        }
    }

    @Test
    void pledgesFollowTheLedgerRules() throws SQLException {
        try (Connection c = connect(seven); Statement s = c.createStatement()) {
            // pledgors hold every pledged asset; at most one live pledge per asset (also a unique index)
            assertEquals(0, count(s, """
                    select count(*) from pledge_asset pa join asset_holder h on h.asset_id = pa.asset_id
                    where not exists (select 1 from pledge_pledgor pp where pp.pledge_id = pa.pledge_id and pp.party_id = h.party_id)"""));
            assertEquals(0, count(s, "select count(*) from (select asset_id from pledge_asset where live group by 1 having count(*) > 1) x"));
            assertEquals(0, count(s, "select count(*) from pledge p join pledge_asset pa on pa.pledge_id = p.id"
                    + " where pa.live <> (p.status in ('PENDING', 'ACTIVE'))"));
            // a loan's balance is its last event's, and repaid loans owe nothing
            assertEquals(0, count(s, """
                    select count(*) from loan l join lateral (select outstanding_after from loan_event e
                        where e.loan_id = l.id order by occurred_on desc, id desc limit 1) last on true
                    where (l.status = 'REPAID') <> (last.outstanding_after = 0)"""));
            assertEquals(0, count(s, "select count(*) from loan l join loan_pledge lp on lp.loan_id = l.id"
                    + " join pledge p on p.id = lp.pledge_id where p.pledgee_id <> l.lender_id"));
        }
    }

    @Test
    void foreignKeysHoldThoughTheyWereNotCheckedWhileLoading() throws SQLException {
        try (Connection c = connect(seven); Statement s = c.createStatement()) {
            List<String> checks = new ArrayList<>();
            try (ResultSet r = s.executeQuery("""
                    select conrelid::regclass, a.attname, confrelid::regclass, b.attname
                    from pg_constraint k
                    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
                    join pg_attribute b on b.attrelid = k.confrelid and b.attnum = k.confkey[1]
                    where k.contype = 'f' and cardinality(k.conkey) = 1""")) {
                while (r.next()) {
                    checks.add("select count(*) from " + r.getString(1) + " c where c." + r.getString(2)
                            + " is not null and not exists (select 1 from " + r.getString(3) + " p where p." + r.getString(4)
                            + " = c." + r.getString(2) + ")");
                }
            }
            assertTrue(checks.size() > 20, "foreign keys found: " + checks.size());
            for (String check : checks) {
                assertEquals(0, count(s, check), check);
            }
        }
    }

    @Test
    void statisticsAreWhatTheTriggersWouldHaveKept() throws SQLException {
        try (Connection c = connect(seven); Statement s = c.createStatement()) {
            Map<String, String> generated = digests(s, "stats_pledge_month", "stats_loan_month", "stats_member",
                    "stats_member_count", "stats_pledge_applied", "stats_loan_applied", "stats_member_applied");
            assertTrue(count(s, "select count(*) from stats_member") > 100);
            c.setAutoCommit(false);
            // Start over and let the triggers' own refresh derive everything, entity by entity.
            s.execute("delete from stats_pledge_month; delete from stats_loan_month; delete from stats_member;"
                    + " delete from stats_member_count; delete from stats_pledge_applied; delete from stats_loan_applied; delete from stats_member_applied");
            s.execute("select count(stats_refresh_pledge(id)) from (select id from pledge order by id) p");
            s.execute("select count(stats_refresh_loan(id)) from (select id from loan order by id) l");
            Map<String, String> byTriggers = digests(s, generated.keySet().toArray(String[]::new));
            c.rollback();
            assertEquals(byTriggers, generated);
        }
    }

    @Test
    void journalTreeHoldsTheLeavesTheSequencerWouldHash() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (Connection c = connect(seven); Statement s = c.createStatement()) {
            List<byte[]> leaves = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select j.seq, j.recorded_at, j.actor, j.action, j.entity_type, j.entity_id,"
                    + " j.asset_ids, j.state::text, l.leaf_index, l.leaf_hash from journal j join journal_leaf l on l.seq = j.seq"
                    + " order by l.leaf_index")) {
                while (r.next()) {
                    assertEquals(leaves.size(), r.getLong("leaf_index"));
                    Array assets = r.getArray("asset_ids");
                    // The sequencer's leaf input (journal.LeafInput), built here from the row the same way.
                    String input = "[" + r.getLong("seq")
                            + "," + json.writeValueAsString(r.getObject("recorded_at", OffsetDateTime.class).toInstant().toString())
                            + "," + json.writeValueAsString(r.getString("actor"))
                            + "," + json.writeValueAsString(r.getString("action"))
                            + "," + json.writeValueAsString(r.getString("entity_type"))
                            + "," + r.getLong("entity_id")
                            + "," + json.writeValueAsString(assets.getArray())
                            + "," + r.getString("state") + "]";
                    byte[] leaf = Merkle.leafHash(input.getBytes(StandardCharsets.UTF_8));
                    assertArrayEquals(leaf, r.getBytes("leaf_hash"), "leaf " + r.getLong("leaf_index"));
                    leaves.add(leaf);
                }
            }
            assertEquals(count(s, "select count(*) from journal"), leaves.size());
            assertEquals(0, count(s, "select count(*) from journal_unsequenced"));
            Map<Merkle.NodeId, byte[]> nodes = new HashMap<>();
            try (ResultSet r = s.executeQuery("select level, idx, hash from merkle_node")) {
                while (r.next()) {
                    nodes.put(new Merkle.NodeId(r.getInt(1), r.getLong(2)), r.getBytes(3));
                }
            }
            assertArrayEquals(treeHash(leaves, 0, leaves.size()), Merkle.root(leaves.size(), nodes));
        }
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() throws Exception {
        String again = seven.replace("_gen7", "_gen7b");
        String eight = seven.replace("_gen7", "_gen8");
        try {
            generateInto(again, 7);
            generateInto(eight, 8);
            Map<String, String> first;
            try (Connection c = connect(seven); Statement s = c.createStatement()) {
                first = digests(s, TABLES);
            }
            try (Connection c = connect(again); Statement s = c.createStatement()) {
                assertEquals(first, digests(s, TABLES));
            }
            try (Connection c = connect(eight); Statement s = c.createStatement()) {
                Map<String, String> other = digests(s, TABLES);
                assertNotEquals(first.get("ip_asset"), other.get("ip_asset"));
                assertNotEquals(first.get("journal"), other.get("journal"));
            }
        } finally {
            dropDatabase(again);
            dropDatabase(eight);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** RFC 9162 MTH over leaf hashes, computed directly. */
    private static byte[] treeHash(List<byte[]> leaves, int from, int to) {
        if (to - from == 1) {
            return leaves.get(from);
        }
        int k = Integer.highestOneBit(to - from - 1);
        return Merkle.nodeHash(treeHash(leaves, from, from + k), treeHash(leaves, from + k, to));
    }

    private static void generateInto(String database, int seed) throws SQLException, IOException {
        dropDatabase(database);
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        Flyway.configure().dataSource(server + database, user, password).locations("classpath:db/migration").load().migrate();
        String script = Files.readString(Path.of("bench", "generate.sql"));
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("set ipledger.gen_assets = '" + ASSETS + "'; set ipledger.gen_seed = '" + seed + "'");
            s.execute(script);
        }
    }

    private static void dropDatabase(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(server + database, user, password);
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** One digest per table of all its rows in a fixed order: equal digests, equal contents. */
    private static Map<String, String> digests(Statement s, String... tables) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String table : tables) {
            try (ResultSet r = s.executeQuery("select md5(string_agg(x::text, '|' order by x::text)) from " + table + " x")) {
                r.next();
                out.put(table, r.getString(1));
            }
        }
        return out;
    }
}
