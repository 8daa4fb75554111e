package org.ipledger.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.ipledger.common.Caller;
import org.ipledger.common.Page;

import java.util.ArrayList;
import java.util.List;

/** Reads of the journal, by hand-written SQL on the GIN index over asset ids. */
@ApplicationScoped
public class JournalQueries {

    private final Pool pool;
    private final ObjectMapper mapper;

    public JournalQueries(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<Page<JournalEntryView>> assetHistory(Caller caller, long assetId, int page, int size) {
        Tuple args = Tuple.of(new Long[]{assetId}, size, (long) page * size);
        return pool.preparedQuery("""
                        select seq, recorded_at, actor, action, entity_type, entity_id, state::text,
                               count(*) over () as total
                        from journal where asset_ids @> $1 order by seq limit $2 offset $3""")
                .execute(args)
                .map(rows -> {
                    List<JournalEntryView> items = new ArrayList<>();
                    long total = 0;
                    for (Row r : rows) {
                        total = r.getLong("total");
                        items.add(toView(caller, r));
                    }
                    return new Page<>(items, page, size, total);
                })
                .flatMap(p -> p.items().isEmpty() && page > 0
                        ? pool.preparedQuery("select count(*) from journal where asset_ids @> $1")
                        .execute(Tuple.of(new Long[]{assetId}))
                        .map(rows -> new Page<>(p.items(), page, size, rows.iterator().next().getLong(0)))
                        : Uni.createFrom().item(p));
    }

    private JournalEntryView toView(Caller caller, Row r) {
        JsonNode state;
        try {
            state = mapper.readTree(r.getString("state"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journal entry " + r.getLong("seq") + " holds invalid JSON", e);
        }
        String type = r.getString("entity_type");
        return new JournalEntryView(r.getLong("seq"), r.getOffsetDateTime("recorded_at"), r.getString("actor"),
                JournalAction.valueOf(r.getString("action")), type, r.getLong("entity_id"),
                JournalVisibility.shown(caller, type, state));
    }

}
