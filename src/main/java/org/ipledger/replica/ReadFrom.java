package org.ipledger.replica;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/**
 * Where a statistics answer was read and how current it is. {@code asOf} is a guarantee, not an
 * estimate: every change the primary committed up to that instant is in the answer (later ones may be).
 */
@Schema(name = "ReadFrom", description = "Where the figures were read and how current they are. Statistics may be read"
        + " from a streaming replica; a replica further behind than the configured maximum"
        + " (ipledger.stats.replica.max-lag, 30 s by default) is not used: the primary answers instead and"
        + " fallbackReason says why.")
public record ReadFrom(
        @Schema(description = "PRIMARY: read on the primary, current; REPLICA: read on a streaming replica")
        Source source,
        @Schema(description = "Every change committed up to this instant is included", examples = "2026-11-25T22:51:36.123Z")
        OffsetDateTime asOf,
        @Schema(description = "How far the answer may be behind the primary when it was read, in milliseconds; 0 on the primary"
                + " or on a replica that had replayed everything", examples = "0")
        long lagMillis,
        @Schema(description = "Why a configured replica was not used (too far behind, unreachable); null otherwise",
                examples = "replica lag 45000 ms exceeds the maximum of 30000 ms")
        String fallbackReason) {

    @Schema(name = "ReadSource")
    public enum Source {
        PRIMARY, REPLICA
    }
}
