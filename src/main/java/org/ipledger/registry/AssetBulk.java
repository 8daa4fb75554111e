package org.ipledger.registry;

import java.util.List;

/**
 * The registrar's bulk load: a CSV batch taken whole or refused whole. Refused (422), the problem
 * lists every rejected row with its field errors in {@code rejected}, and nothing is written.
 */
public final class AssetBulk {

    /**
     * Rows per batch: about 2.5 MB of CSV and a second of work for one transaction. The batch is held
     * in memory whole (text, rows, arrays, journal states): two 50,000-row batches at once exhausted a
     * 160 MB heap (bench/findings.md); send more rows as more batches.
     */
    public static final int MAX_ROWS = 20_000;

    private AssetBulk() {
    }

    /** Every row registered: {@code ids} in the order of the rows; {@code journalSeq} the batch's last entry. */
    public record Report(int received, int accepted, List<Long> ids, long journalSeq) {
    }
}
