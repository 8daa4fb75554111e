package org.ipledger.registry;

import org.ipledger.common.FieldError;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registrar's bulk file of assets: CSV (RFC 4180: comma separated, fields with commas, quotes or
 * line breaks in double quotes, a quote doubled inside them), UTF-8, a header line naming the columns
 * in any order, one asset per line. {@code holderIds} holds party ids separated by {@code ;}.
 * Why CSV and not a JSON array: it is what the registrar's systems export, half the bytes of the same
 * rows in JSON, and read line by line without building a document.
 */
final class AssetCsv {

    static final List<String> COLUMNS = List.of("kind", "registryNumber", "title", "holderIds", "filingDate",
            "grantDate", "expiresOn", "legalStatus", "markGroup");
    static final List<String> REQUIRED = List.of("kind", "registryNumber", "title", "holderIds", "filingDate");

    /** A data line read: the input (null when a field could not be read) and what was wrong with it. */
    record Line(AssetInput input, List<FieldError> errors) {
    }

    private AssetCsv() {
    }

    /**
     * Reads the whole body; at most {@code maxRows} data lines.
     *
     * @throws org.ipledger.common.ApiProblem (400) for a body that is not such a file at all
     */
    static List<Line> read(String body, int maxRows) {
        List<List<String>> records = records(body, maxRows + 1);
        Map<String, Integer> at = columns(records, COLUMNS, REQUIRED, maxRows);
        List<Line> lines = new ArrayList<>(records.size() - 1);
        for (int r = 1; r < records.size(); r++) {
            lines.add(line(r - 1, records.get(r), records.get(0).size(), at));
        }
        return lines;
    }

    /**
     * The header line of a bulk file read: each known column's position. Shared by the bulk loads.
     *
     * @throws org.ipledger.common.ApiProblem (400) for an empty body, an unknown, repeated or missing column,
     *                                         or more than {@code maxRows} data lines
     */
    static Map<String, Integer> columns(List<List<String>> records, List<String> columns, List<String> required,
                                        int maxRows) {
        if (records.isEmpty()) {
            throw org.ipledger.common.ApiProblem.invalidField("body", "is empty; the first line names the columns: "
                    + String.join(",", columns));
        }
        List<String> header = records.get(0);
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (!columns.contains(name)) {
                throw org.ipledger.common.ApiProblem.invalidField("header", "unknown column '" + name + "'; columns are "
                        + String.join(",", columns));
            }
            if (at.put(name, i) != null) {
                throw org.ipledger.common.ApiProblem.invalidField("header", "names column '" + name + "' twice");
            }
        }
        for (String column : required) {
            if (!at.containsKey(column)) {
                throw org.ipledger.common.ApiProblem.invalidField("header", "lacks column '" + column + "'");
            }
        }
        if (records.size() - 1 > maxRows) {
            throw org.ipledger.common.ApiProblem.invalidField("body", "has more than " + maxRows + " rows; send them in batches");
        }
        return at;
    }

    private static Line line(int row, List<String> fields, int width, Map<String, Integer> at) {
        String prefix = "rows[" + row + "].";
        List<FieldError> errors = new ArrayList<>();
        if (fields.size() != width) {
            errors.add(new FieldError("rows[" + row + "]", "has " + fields.size() + " fields, the header " + width));
            return new Line(null, errors);
        }
        AssetKind kind = enumField(fields, at, "kind", AssetKind.class, prefix, errors);
        LegalStatus status = enumField(fields, at, "legalStatus", LegalStatus.class, prefix, errors);
        LocalDate filing = date(fields, at, "filingDate", prefix, errors);
        LocalDate grant = date(fields, at, "grantDate", prefix, errors);
        LocalDate expires = date(fields, at, "expiresOn", prefix, errors);
        List<Long> holders = new ArrayList<>();
        String holderText = text(fields, at, "holderIds");
        if (holderText != null) {
            for (String id : holderText.split(";", -1)) {
                try {
                    holders.add(Long.parseLong(id.strip()));
                } catch (NumberFormatException e) {
                    errors.add(new FieldError(prefix + "holderIds", "must be party ids separated by ';', not '" + holderText + "'"));
                    break;
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Line(null, errors);
        }
        return new Line(new AssetInput(kind, text(fields, at, "registryNumber"), text(fields, at, "title"), holders, filing,
                grant, expires, status, text(fields, at, "markGroup")), errors);
    }

    /** The field's text; an empty field is absent (null). */
    static String text(List<String> fields, Map<String, Integer> at, String column) {
        Integer i = at.get(column);
        if (i == null) {
            return null;
        }
        String value = fields.get(i);
        return value.isEmpty() ? null : value;
    }

    static <E extends Enum<E>> E enumField(List<String> fields, Map<String, Integer> at, String column,
                                                   Class<E> type, String prefix, List<FieldError> errors) {
        String value = text(fields, at, column);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(prefix + column, "must be one of " + Arrays.toString(type.getEnumConstants())
                    + ", not '" + value + "'"));
            return null;
        }
    }

    private static LocalDate date(List<String> fields, Map<String, Integer> at, String column, String prefix,
                                  List<FieldError> errors) {
        String value = text(fields, at, column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(prefix + column, "must be a date as 2024-03-31, not '" + value + "'"));
            return null;
        }
    }

    /** RFC 4180 records; a final line break is optional; blank lines are skipped. Stops after {@code limit}. */
    static List<List<String>> records(String body, int limit) {
        List<List<String>> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int n = body.length();
        for (int i = 0; i < n; i++) {
            char c = body.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && body.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && body.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || !field.isEmpty()) {
                    record.add(field.toString());
                    out.add(record);
                    if (out.size() > limit) {
                        return out;
                    }
                    record = new ArrayList<>();
                }
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw org.ipledger.common.ApiProblem.invalidField("body", "ends inside a quoted field");
        }
        if (any || !field.isEmpty()) {
            record.add(field.toString());
            out.add(record);
        }
        return out;
    }
}
