package org.ipledger.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.sqlclient.Row;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * The bytes a journal entry contributes to the Merkle tree: a JSON array of its columns,
 * {@code [seq, recordedAt, actor, action, entityType, entityId, [assetIds], state]}, with the state as
 * PostgreSQL prints the stored jsonb (a normal form: keys sorted, fixed spacing). The sequencer and
 * the audit both build it from the row, so a row changed after sequencing no longer matches its leaf.
 */
final class LeafInput {

    static final String COLUMNS = "j.seq, j.recorded_at, j.actor, j.action, j.entity_type, j.entity_id, j.asset_ids, j.state::text as state";

    private LeafInput() {
    }

    static byte[] of(Row r, ObjectMapper mapper) {
        Long[] assets = r.getArrayOfLongs("asset_ids");
        OffsetDateTime recordedAt = r.getOffsetDateTime("recorded_at");
        try {
            String json = "[" + r.getLong("seq")
                    + "," + mapper.writeValueAsString(recordedAt.toInstant().toString())
                    + "," + mapper.writeValueAsString(r.getString("actor"))
                    + "," + mapper.writeValueAsString(r.getString("action"))
                    + "," + mapper.writeValueAsString(r.getString("entity_type"))
                    + "," + r.getLong("entity_id")
                    + "," + mapper.writeValueAsString(assets == null ? new Long[0] : assets)
                    + "," + r.getString("state") + "]";
            return json.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
