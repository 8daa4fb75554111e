package org.ipledger.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ipledger.common.Caller;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Appends to the journal inside the caller's transaction, so a change and its journal entry commit
 * or roll back together. The table refuses updates and deletes (trigger in V1).
 */
@ApplicationScoped
public class Journal {

    private final ObjectMapper mapper;

    public Journal(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    // JSON and arrays are bound as text and cast in SQL: the reactive driver would encode a Java
    // String bound straight to jsonb as a JSON string scalar, not as the document it holds.

    /** Returns the entry's sequence number. {@code state} is the entity's new state as the API shows it. */
    public Uni<Long> append(Caller caller, JournalAction action, String entityType, long entityId,
                            Collection<Long> assetIds, Object state) {
        String assets = assetIds.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("insert into journal (actor, action, entity_type, entity_id, asset_ids, state)"
                        + " values (:actor, :action, :type, :id, cast(cast(:assets as text) as bigint[]), cast(cast(:state as text) as jsonb))"
                        + " returning seq", Long.class)
                .setParameter("actor", caller.actor())
                .setParameter("action", action.name())
                .setParameter("type", entityType)
                .setParameter("id", entityId)
                .setParameter("assets", assets)
                .setParameter("state", toJson(state))
                .getSingleResult());
    }

    /** One entry of a batch: the entity, the assets it concerns, its new state. */
    public record Entry(long entityId, List<Long> assetIds, Object state) {
    }

    /** Appends a batch (a bulk import) in one statement, in the order given; returns the last sequence number. */
    public Uni<Long> appendAll(Caller caller, JournalAction action, String entityType, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("with appended as (insert into journal (actor, action, entity_type, entity_id, asset_ids, state)"
                        + " select :actor, :action, :type, (e->>'entityId')::bigint,"
                        + " array(select jsonb_array_elements_text(e->'assetIds')::bigint), e->'state'"
                        + " from jsonb_array_elements(cast(cast(:entries as text) as jsonb)) with ordinality as t(e, n) order by n"
                        + " returning seq) select max(seq) from appended", Long.class)
                .setParameter("actor", caller.actor())
                .setParameter("action", action.name())
                .setParameter("type", entityType)
                .setParameter("entries", toJson(entries))
                .getSingleResult());
    }

    private String toJson(Object state) {
        try {
            return mapper.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journal state cannot be written as JSON", e);
        }
    }
}
