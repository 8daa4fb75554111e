package org.ipledger.journal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/** One journal entry: what changed, who did it, when, and the new state. */
public record JournalEntryView(long seq, OffsetDateTime recordedAt, String actor, JournalAction action,
                               String entityType, long entityId, JsonNode state) {
}
