package org.ipledger.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Signed tree heads, entries with their leaf bytes, inclusion and consistency proofs, and the audit. */
@Singleton
@Startup
public class JournalTree {

    static final String ALGORITHM = "Ed25519";
    private static final Base64.Encoder B64 = Base64.getEncoder();
    /** Rows per audit round trip: the audit's memory stays bounded whatever the journal's size. */
    static final int AUDIT_BATCH = 5000;

    private final Pool pool;
    private final Sequencer sequencer;
    private final ObjectMapper mapper;
    private final PrivateKey signingKey;

    public JournalTree(Pool pool, Sequencer sequencer, ObjectMapper mapper,
                       @ConfigProperty(name = "ipledger.journal.signing-key.location") String keyLocation) throws IOException {
        this.pool = pool;
        this.sequencer = sequencer;
        this.mapper = mapper;
        this.signingKey = TreeHeads.readPrivateKey(Files.readString(Path.of(keyLocation), StandardCharsets.UTF_8));
    }

    /** Sequences what has committed, then answers the head for the tree's size, signing it if new. */
    public Uni<JournalViews.TreeHead> currentHead() {
        return sequencer.sequencePending().flatMap(size -> latestSigned().flatMap(last -> {
            if (last != null && last.treeSize() == size) {
                return Uni.createFrom().item(last);
            }
            return MerkleStore.fetch(pool, Merkle.nodesForRoot(size)).flatMap(nodes -> {
                byte[] root = size == 0 ? Merkle.emptyRoot() : Merkle.root(size, nodes);
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                byte[] signature = TreeHeads.sign(signingKey, TreeHeads.signedMessage(size, root, now));
                return pool.preparedQuery("insert into tree_head (tree_size, root_hash, signed_at, algorithm, signature)"
                                + " values ($1, decode($2, 'hex'), $3, $4, decode($5, 'hex')) on conflict (tree_size) do nothing")
                        .execute(Tuple.of(size, MerkleStore.hex(root), now.atOffset(java.time.ZoneOffset.UTC), ALGORITHM,
                                MerkleStore.hex(signature)))
                        .flatMap(x -> signedAt(size));
            });
        }));
    }

    public Uni<JournalViews.TreeHead> latestSigned() {
        return pool.query("select * from tree_head order by tree_size desc limit 1").execute()
                .map(rows -> rows.size() == 0 ? null : head(rows.iterator().next()));
    }

    private Uni<JournalViews.TreeHead> signedAt(long size) {
        return pool.preparedQuery("select * from tree_head where tree_size = $1").execute(Tuple.of(size))
                .map(rows -> head(rows.iterator().next()));
    }

    private static JournalViews.TreeHead head(Row r) {
        return new JournalViews.TreeHead(r.getLong("tree_size"), B64.encodeToString(r.getBuffer("root_hash").getBytes()),
                r.getOffsetDateTime("signed_at").toInstant(), r.getString("algorithm"),
                B64.encodeToString(r.getBuffer("signature").getBytes()));
    }

    /**
     * Entries that are one bank's own business (its alerts, webhooks and risk settings); their state names
     * the bank as {@code bank.id}. They carry no asset ids, so they never show in an asset's history.
     */
    static final java.util.Set<String> BANK_PRIVATE = java.util.Set.of("ALERT", "WEBHOOK", "RISK_SETTINGS");

    /**
     * The entry with its leaf; a bank may not read another bank's pledge entries (they hold the terms),
     * nor another bank's {@link #BANK_PRIVATE} entries.
     */
    public Uni<JournalViews.Entry> entry(Caller caller, long seq) {
        return leafOf(seq).flatMap(leafIndex -> pool.preparedQuery("select " + LeafInput.COLUMNS
                        + " from journal j where j.seq = $1").execute(Tuple.of(seq))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    JsonNode state = readTree(r.getString("state"));
                    if ("PLEDGE".equals(r.getString("entity_type"))
                            && !caller.seesTermsOf(state.path("pledgee").path("id").asLong(-1))) {
                        throw ApiProblem.forbidden("journal entry " + seq + " holds another bank's pledge terms");
                    }
                    if (BANK_PRIVATE.contains(r.getString("entity_type"))
                            && !caller.seesTermsOf(state.path("bank").path("id").asLong(-1))) {
                        throw ApiProblem.forbidden("journal entry " + seq + " is another bank's "
                                + r.getString("entity_type").toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                    }
                    byte[] input = LeafInput.of(r, mapper);
                    Long[] assets = r.getArrayOfLongs("asset_ids");
                    return new JournalViews.Entry(seq, leafIndex, r.getOffsetDateTime("recorded_at").toInstant(),
                            r.getString("actor"), JournalAction.valueOf(r.getString("action")), r.getString("entity_type"),
                            r.getLong("entity_id"), assets == null ? List.of() : Arrays.asList(assets), state,
                            B64.encodeToString(input), B64.encodeToString(Merkle.leafHash(input)));
                }));
    }

    public Uni<JournalViews.InclusionProof> inclusionProof(long seq, Long requestedSize) {
        return leafOf(seq).flatMap(leafIndex -> treeSizeFor(requestedSize).flatMap(size -> {
            if (leafIndex >= size) {
                throw ApiProblem.invalidField("treeSize", "entry " + seq + " is leaf " + leafIndex
                        + "; the tree must have more than " + leafIndex + " leaves");
            }
            return MerkleStore.fetch(pool, Merkle.nodesForInclusion(leafIndex, size)).map(nodes ->
                    new JournalViews.InclusionProof(seq, leafIndex, size,
                            Merkle.inclusionProof(leafIndex, size, nodes).stream().map(B64::encodeToString).toList()));
        }));
    }

    public Uni<JournalViews.ConsistencyProof> consistencyProof(long from, long to) {
        if (from < 1) {
            throw ApiProblem.invalidField("from", "must be at least 1");
        }
        if (to < from) {
            throw ApiProblem.invalidField("to", "must not be less than from");
        }
        return currentSize().flatMap(size -> {
            if (to > size) {
                throw ApiProblem.invalidField("to", "the tree has " + size + " leaves");
            }
            return MerkleStore.fetch(pool, Merkle.nodesForConsistency(from, to)).map(nodes ->
                    new JournalViews.ConsistencyProof(from, to,
                            Merkle.consistencyProof(from, to, nodes).stream().map(B64::encodeToString).toList()));
        });
    }

    /**
     * Recomputes every leaf from its journal row and the root from those leaves, and compares them with
     * the stored leaves and the latest signed head. Reports the first entry that does not match.
     */
    public Uni<JournalViews.Audit> audit() {
        return currentHead().flatMap(head -> auditFrom(0, new HashMap<>(), head, null));
    }

    private Uni<JournalViews.Audit> auditFrom(long from, Map<Merkle.NodeId, byte[]> frontier, JournalViews.TreeHead head,
                                              Boolean signedRootMatches) {
        return pool.preparedQuery("select l.leaf_index, l.leaf_hash, " + LeafInput.COLUMNS
                        + " from journal_leaf l join journal j on j.seq = l.seq where l.leaf_index >= $1"
                        + " order by l.leaf_index limit $2")
                .execute(Tuple.of(from, AUDIT_BATCH))
                .flatMap(rows -> {
                    long index = from;
                    Boolean matches = signedRootMatches;
                    for (Row r : rows) {
                        byte[] stored = r.getBuffer("leaf_hash").getBytes();
                        byte[] recomputed = Merkle.leafHash(LeafInput.of(r, mapper));
                        if (r.getLong("leaf_index") != index || !Arrays.equals(stored, recomputed)) {
                            return Uni.createFrom().item(new JournalViews.Audit(index, head.treeSize(), false,
                                    new JournalViews.Mismatch(r.getLong("seq"), r.getLong("leaf_index"),
                                            B64.encodeToString(stored), B64.encodeToString(recomputed)),
                                    head.treeSize(), null));
                        }
                        for (Map.Entry<Merkle.NodeId, byte[]> node : Merkle.nodesCompletedBy(index, recomputed, frontier::get)) {
                            frontier.put(node.getKey(), node.getValue());
                        }
                        index++;
                        if (index == head.treeSize()) {
                            byte[] root = Merkle.root(index, frontier);
                            matches = Arrays.equals(root, Base64.getDecoder().decode(head.rootHash()));
                        }
                        frontier.keySet().retainAll(Merkle.nodesForRoot(index));
                    }
                    if (rows.size() == AUDIT_BATCH) {
                        return auditFrom(index, frontier, head, matches);
                    }
                    boolean rootOk = head.treeSize() == 0 || Boolean.TRUE.equals(matches);
                    return Uni.createFrom().item(new JournalViews.Audit(index, head.treeSize(), rootOk, null,
                            head.treeSize(), head.treeSize() == 0 ? Boolean.TRUE : matches));
                });
    }

    private Uni<Long> leafOf(long seq) {
        return findLeaf(seq).flatMap(found -> found != null ? Uni.createFrom().item(found)
                : sequencer.sequencePending().flatMap(x -> findLeaf(seq)).map(again -> {
                    if (again == null) {
                        throw ApiProblem.notFound("journal entry", seq);
                    }
                    return again;
                }));
    }

    private Uni<Long> findLeaf(long seq) {
        return pool.preparedQuery("select leaf_index from journal_leaf where seq = $1").execute(Tuple.of(seq))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }

    /** The requested size, or the latest signed head's: the one a client most likely holds. */
    private Uni<Long> treeSizeFor(Long requested) {
        if (requested == null) {
            return currentHead().map(JournalViews.TreeHead::treeSize);
        }
        return currentSize().map(size -> {
            if (requested < 1 || requested > size) {
                throw ApiProblem.invalidField("treeSize", "must be between 1 and the tree's size " + size);
            }
            return requested;
        });
    }

    private Uni<Long> currentSize() {
        return sequencer.sequencePending();
    }

    private JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
