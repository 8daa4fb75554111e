package org.ipledger.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Extends the Merkle tree with committed journal entries, in sequence-number order.
 * <p>
 * Writers never wait for the tree: they insert their entry (an identity column gives the sequence
 * number) and a trigger queues it. The sequencer alone extends the tree, under a transaction-level
 * advisory lock, so instances take turns and writes do not. An entry whose transaction commits after
 * a later-numbered one was sequenced joins the tree at the next pass: leaf order is the order in
 * which entries became visible, by sequence number within a pass.
 */
@ApplicationScoped
public class Sequencer {

    /** Advisory lock key shared by every instance: one sequencer at a time. */
    static final long LOCK_KEY = 6962;
    /** Entries per pass: bounds the transaction and the memory of one pass. */
    static final int BATCH = 5000;
    /** Passes per call: a call returns even if writers outpace it. */
    static final int MAX_PASSES = 20;

    private final Pool pool;
    private final ObjectMapper mapper;

    public Sequencer(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** Sequences what is queued (bounded), waiting for another sequencer if one runs; returns the tree size after. */
    public Uni<Long> sequencePending() {
        return pass(0, true);
    }

    /**
     * The timer's form: if another sequencer holds the lock, returns at once (null) instead of
     * holding a pooled connection while it waits.
     */
    public Uni<Long> sequenceIfIdle() {
        return pass(0, false);
    }

    private Uni<Long> pass(int done, boolean wait) {
        return pool.withTransaction(conn -> sequenceBatch(conn, wait)).flatMap(result -> result == null
                ? Uni.createFrom().nullItem()
                : result.full() && done + 1 < MAX_PASSES ? pass(done + 1, wait) : Uni.createFrom().item(result.treeSize()));
    }

    private record PassResult(long treeSize, boolean full) {
    }

    private Uni<PassResult> sequenceBatch(SqlConnection conn, boolean wait) {
        String lock = wait ? "select pg_advisory_xact_lock($1), true as got" : "select pg_try_advisory_xact_lock($1) as got";
        return conn.preparedQuery(lock).execute(Tuple.of(LOCK_KEY))
                .flatMap(locked -> wait || locked.iterator().next().getBoolean("got")
                        ? sequenceLocked(conn) : Uni.createFrom().nullItem());
    }

    private Uni<PassResult> sequenceLocked(SqlConnection conn) {
        return conn.query("select coalesce(max(leaf_index) + 1, 0) as size from journal_leaf").execute()
                .map(rows -> rows.iterator().next().getLong("size"))
                // The array form reads only the queued rows whatever the queue's statistics say; a join
                // was planned as a merge join from the journal's first row once the queue looked empty.
                .flatMap(size -> conn.preparedQuery("select " + LeafInput.COLUMNS + " from journal j"
                                + " where j.seq = any(array(select seq from journal_unsequenced order by seq limit $1))"
                                + " order by j.seq")
                        .execute(Tuple.of(BATCH))
                        .flatMap(rows -> rows.size() == 0
                                ? Uni.createFrom().item(new PassResult(size, false))
                                : append(conn, size, rows).replaceWith(new PassResult(size + rows.size(), rows.size() == BATCH))));
    }

    private Uni<Void> append(SqlConnection conn, long size, RowSet<Row> rows) {
        return MerkleStore.fetch(conn, Merkle.nodesForRoot(size)).flatMap(frontier -> {
            Map<Merkle.NodeId, byte[]> known = new HashMap<>(frontier);
            List<Map.Entry<Merkle.NodeId, byte[]>> created = new ArrayList<>();
            List<Long> leafIndexes = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            List<String> leafHashes = new ArrayList<>();
            long index = size;
            for (Row r : rows) {
                byte[] leafHash = Merkle.leafHash(LeafInput.of(r, mapper));
                for (Map.Entry<Merkle.NodeId, byte[]> node : Merkle.nodesCompletedBy(index, leafHash, known::get)) {
                    known.put(node.getKey(), node.getValue());
                    created.add(node);
                }
                leafIndexes.add(index++);
                seqs.add(r.getLong("seq"));
                leafHashes.add(MerkleStore.hex(leafHash));
            }
            Long[] seqArray = seqs.toArray(Long[]::new);
            return conn.preparedQuery("""
                            insert into journal_leaf (leaf_index, seq, leaf_hash)
                            select i, s, decode(h, 'hex') from unnest($1::bigint[], $2::bigint[], $3::text[]) as l(i, s, h)""")
                    .execute(Tuple.of(leafIndexes.toArray(Long[]::new), seqArray, leafHashes.toArray(String[]::new)))
                    .flatMap(x -> MerkleStore.insert(conn, created))
                    .flatMap(x -> conn.preparedQuery("delete from journal_unsequenced where seq = any($1)")
                            .execute(Tuple.of((Object) seqArray)))
                    .replaceWithVoid();
        });
    }
}
