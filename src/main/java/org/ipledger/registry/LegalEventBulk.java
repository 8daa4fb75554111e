package org.ipledger.registry;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The registrar's daily load of legal-status events from the patent office: a CSV batch taken whole
 * or refused whole. Refused (422 {@code bulk-rows-rejected}), the problem lists every rejected row
 * with its field errors in {@code rejected}, and nothing is written.
 */
public final class LegalEventBulk {

    /** Rows per batch, the same bound as the asset bulk load (AssetBulk.MAX_ROWS) for the same memory reasons. */
    public static final int MAX_ROWS = 20_000;

    private LegalEventBulk() {
    }

    /** Every event recorded: {@code ids} the events in the order of the rows; {@code journalSeq} the batch's last entry. */
    @Schema(name = "LegalEventBulkReport")
    public record Report(int received, int accepted, List<Long> ids, long journalSeq) {
    }
}
