package org.ipledger.registry;

import java.util.List;

/**
 * The registrar's bulk load: a CSV batch taken whole or refused whole. Refused (422), the problem
 * lists every rejected row with its field errors in {@code rejected}, and nothing is written.
 */
public final class AssetBulk {

    /** Rows per batch: about 6 MB of CSV, a few seconds of work for one transaction. */
    public static final int MAX_ROWS = 50_000;

    private AssetBulk() {
    }

    /** Every row registered: {@code ids} in the order of the rows; {@code journalSeq} the batch's last entry. */
    public record Report(int received, int accepted, List<Long> ids, long journalSeq) {
    }
}
