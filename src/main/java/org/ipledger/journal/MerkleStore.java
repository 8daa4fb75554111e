package org.ipledger.journal;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Perfect-subtree hashes in merkle_node: fetched by the set a computation needs, in one query. */
final class MerkleStore {

    private static final HexFormat HEX = HexFormat.of();

    private MerkleStore() {
    }

    static Uni<Map<Merkle.NodeId, byte[]>> fetch(SqlClient db, Collection<Merkle.NodeId> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        Integer[] levels = ids.stream().map(Merkle.NodeId::level).toArray(Integer[]::new);
        Long[] indexes = ids.stream().map(Merkle.NodeId::index).toArray(Long[]::new);
        return db.preparedQuery("""
                        select n.level, n.idx, n.hash from merkle_node n
                        join unnest($1::int[], $2::bigint[]) as w(level, idx) on n.level = w.level and n.idx = w.idx""")
                .execute(Tuple.of(levels, indexes))
                .map(rows -> {
                    Map<Merkle.NodeId, byte[]> nodes = new HashMap<>();
                    for (Row r : rows) {
                        nodes.put(new Merkle.NodeId(r.getInteger("level"), r.getLong("idx")), r.getBuffer("hash").getBytes());
                    }
                    return nodes;
                });
    }

    static Uni<Void> insert(SqlClient db, List<Map.Entry<Merkle.NodeId, byte[]>> nodes) {
        if (nodes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Integer> levels = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (Map.Entry<Merkle.NodeId, byte[]> n : nodes) {
            levels.add(n.getKey().level());
            indexes.add(n.getKey().index());
            hashes.add(HEX.formatHex(n.getValue()));
        }
        return db.preparedQuery("""
                        insert into merkle_node (level, idx, hash)
                        select level, idx, decode(hash, 'hex') from unnest($1::int[], $2::bigint[], $3::text[]) as n(level, idx, hash)""")
                .execute(Tuple.of(levels.toArray(Integer[]::new), indexes.toArray(Long[]::new), hashes.toArray(String[]::new)))
                .replaceWithVoid();
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
