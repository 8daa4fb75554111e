package org.ipledger.registry;

import org.ipledger.common.FieldError;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registrar's bulk file of legal-status events: CSV read as {@link AssetCsv} reads assets (RFC 4180,
 * UTF-8, a header naming the columns in any order). The asset is named by its kind and registry number
 * as the office writes them ({@code assetKind}, {@code registryNumber}); the event by {@code kind},
 * {@code occurredOn}, and optionally {@code reference} and {@code note}, as in a single event.
 */
final class LegalEventCsv {

    static final List<String> COLUMNS = List.of("assetKind", "registryNumber", "kind", "occurredOn", "reference", "note");
    static final List<String> REQUIRED = List.of("assetKind", "registryNumber", "kind", "occurredOn");

    /** A data line read; {@code input} and {@code assetKind} are null when a field could not be read. */
    record Line(AssetKind assetKind, String registryNumber, LegalEventInput input, List<FieldError> errors) {
    }

    private LegalEventCsv() {
    }

    /**
     * Reads the whole body; at most {@code maxRows} data lines.
     *
     * @throws org.ipledger.common.ApiProblem (400) for a body that is not such a file at all
     */
    static List<Line> read(String body, int maxRows) {
        List<List<String>> records = AssetCsv.records(body, maxRows + 1);
        Map<String, Integer> at = AssetCsv.columns(records, COLUMNS, REQUIRED, maxRows);
        List<Line> lines = new ArrayList<>(records.size() - 1);
        for (int r = 1; r < records.size(); r++) {
            lines.add(line(r - 1, records.get(r), records.get(0).size(), at));
        }
        return lines;
    }

    private static Line line(int row, List<String> fields, int width, Map<String, Integer> at) {
        String prefix = "rows[" + row + "].";
        List<FieldError> errors = new ArrayList<>();
        if (fields.size() != width) {
            errors.add(new FieldError("rows[" + row + "]", "has " + fields.size() + " fields, the header " + width));
            return new Line(null, null, null, errors);
        }
        String number = AssetCsv.text(fields, at, "registryNumber");
        AssetKind assetKind = AssetCsv.enumField(fields, at, "assetKind", AssetKind.class, prefix, errors);
        LegalEventKind kind = AssetCsv.enumField(fields, at, "kind", LegalEventKind.class, prefix, errors);
        LocalDate occurredOn = null;
        String date = AssetCsv.text(fields, at, "occurredOn");
        if (date != null) {
            try {
                occurredOn = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(prefix + "occurredOn", "must be a date as 2024-03-31, not '" + date + "'"));
            }
        }
        if (!errors.isEmpty()) {
            return new Line(null, number, null, errors);
        }
        // reference and note are kept as written, as a single event keeps them
        return new Line(assetKind, number, new LegalEventInput(kind, occurredOn, AssetCsv.text(fields, at, "reference"),
                AssetCsv.text(fields, at, "note")), errors);
    }
}
