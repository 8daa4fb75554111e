package org.ipledger.registry;

import java.text.Normalizer;
import java.time.Year;
import java.util.Locale;
import java.util.Objects;

import org.ipledger.common.IdentifierException;

/**
 * Normalizes the registry number of an IP asset according to its kind.
 *
 * <ul>
 *   <li>Patents (invention, utility model, design): Chinese application numbers, either the
 *       current form (since October 2003) of 12 digits - year (4), type (1), serial (7) - or the
 *       old form of 8 digits - year (2), type (1), serial (5) - each followed by a mod-11 check
 *       character. Canonical form: {@code 202010123456.2}, {@code 02144686.5}.</li>
 *   <li>Trademarks: registration number, 1 to 10 digits, kept as given (leading zeros too).</li>
 *   <li>Software copyrights: {@code 2020SR0123456} - year, "SR", 6 or 7 digits.</li>
 *   <li>Other copyrights: free-form registration number such as {@code 国作登字-2021-F-00012345}.</li>
 * </ul>
 *
 * <p>Exception messages are written for the person who typed the value and never name the field.
 */
public final class RegistryNumbers {

    /** First year accepted for patents and software copyrights. */
    public static final int FIRST_YEAR = 1985;

    private static final int[] PATENT_WEIGHTS = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};

    private static final int TRADEMARK_MAX_DIGITS = 10;
    private static final int COPYRIGHT_MIN_LENGTH = 3;
    private static final int COPYRIGHT_MAX_LENGTH = 64;

    private RegistryNumbers() {
    }

    /**
     * Validates a registry number and returns its canonical form.
     *
     * @param kind the kind of asset the number belongs to
     * @param raw the number as typed
     * @throws IdentifierException if the number cannot be accepted for that kind
     * @throws NullPointerException if {@code kind} is null
     */
    public static String normalize(AssetKind kind, String raw) {
        Objects.requireNonNull(kind, "kind");
        if (raw == null || raw.isBlank()) {
            throw new IdentifierException("is required");
        }
        return switch (kind) {
            case INVENTION_PATENT, UTILITY_MODEL, DESIGN -> normalizePatent(kind, raw);
            case TRADEMARK -> normalizeTrademark(raw);
            case SOFTWARE_COPYRIGHT -> normalizeSoftwareCopyright(raw);
            case COPYRIGHT -> normalizeCopyright(raw);
        };
    }

    /**
     * Check character of a Chinese patent application number: digit i (from 1) is weighted
     * 2,3,4,5,6,7,8,9,2,3,4,5, the sum is taken mod 11 and 10 is written 'X'.
     *
     * @param digits the 12 digits of a current number or the 8 digits of an old number
     * @return '0'..'9' or 'X'
     * @throws IdentifierException if the input is not 8 or 12 ASCII digits
     */
    public static char patentCheckCharacter(String digits) {
        if (digits == null || (digits.length() != 12 && digits.length() != 8)) {
            throw new IdentifierException("must be 8 or 12 digits to compute a check digit");
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IdentifierException("must be 8 or 12 digits to compute a check digit");
            }
            sum += (c - '0') * PATENT_WEIGHTS[i];
        }
        int check = sum % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    // ---------------------------------------------------------------- patents

    private static String normalizePatent(AssetKind kind, String raw) {
        String s = withoutSpaces(fold(raw)).toUpperCase(Locale.ROOT);
        if (s.startsWith("ZL") || s.startsWith("CN")) {
            s = s.substring(2);
        }
        // dots anywhere; the ideographic full stop is what a Chinese keyboard often gives for '.'
        s = s.replace('\u3002', '.');
        boolean hadDot = s.indexOf('.') >= 0;
        s = s.replace(".", "");
        if (s.isEmpty()) {
            throw new IdentifierException("has no digits");
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean digit = cp >= '0' && cp <= '9';
            if (!digit && cp != 'X') {
                throw new IdentifierException("contains " + show(cp) + ", which is not allowed in patent numbers");
            }
            if (cp == 'X' && i != s.length() - 1) {
                throw new IdentifierException("contains 'X' before the end; only the check digit (the last character) may be 'X'");
            }
            i += Character.charCount(cp);
        }
        int n = s.length();
        boolean allDigits = s.charAt(n - 1) != 'X';
        if (allDigits && !hadDot && (n == 12 || n == 8)) {
            throw new IdentifierException("is missing its check digit (the character after the dot)");
        }
        if (n != 13 && n != 9) {
            throw new IdentifierException("must be 12 digits and a check digit (e.g. 202010123456.2), or 8 digits and a check digit"
                    + " for applications filed before October 2003; found " + n + " characters, not counting dots and spaces");
        }
        String digits = s.substring(0, n - 1);
        char actual = s.charAt(n - 1);
        char expected = patentCheckCharacter(digits);
        if (actual != expected) {
            throw new IdentifierException("check digit should be '" + expected + "', not '" + actual + "'");
        }

        boolean current = n == 13;
        char type = digits.charAt(current ? 4 : 2);
        AssetKind numberKind = patentKindOfType(type);
        if (numberKind == null) {
            throw new IdentifierException("has type digit '" + type + "' (the " + (current ? "5th" : "3rd")
                    + " digit), which is not a patent type: 1 or 8 invention patent, 2 or 9 utility model, 3 design");
        }
        if (numberKind != kind) {
            throw new IdentifierException("is " + patentKindName(numberKind) + " number, not " + patentKindName(kind));
        }

        int thisYear = Year.now().getValue();
        if (current) {
            int year = Integer.parseInt(digits.substring(0, 4));
            if (year < FIRST_YEAR || year > thisYear) {
                throw new IdentifierException("has year " + digits.substring(0, 4) + ", which is not between "
                        + FIRST_YEAR + " and " + thisYear);
            }
        } else {
            int yy = Integer.parseInt(digits.substring(0, 2));
            if (yy > 3 && yy < 85) {
                throw new IdentifierException("has year '" + digits.substring(0, 2)
                        + "', but 8-digit numbers are from 1985 to 2003 (85 to 99, 00 to 03)");
            }
        }
        return digits + "." + expected;
    }

    private static AssetKind patentKindOfType(char type) {
        return switch (type) {
            case '1', '8' -> AssetKind.INVENTION_PATENT;
            case '2', '9' -> AssetKind.UTILITY_MODEL;
            case '3' -> AssetKind.DESIGN;
            default -> null;
        };
    }

    private static String patentKindName(AssetKind kind) {
        return switch (kind) {
            case INVENTION_PATENT -> "an invention patent";
            case UTILITY_MODEL -> "a utility model";
            case DESIGN -> "a design patent";
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    // ---------------------------------------------------------------- trademarks

    private static String normalizeTrademark(String raw) {
        String s = withoutSpaces(fold(raw));
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp < '0' || cp > '9') {
                throw new IdentifierException("contains " + show(cp) + "; a trademark registration number has digits only");
            }
            i += Character.charCount(cp);
        }
        if (s.length() > TRADEMARK_MAX_DIGITS) {
            throw new IdentifierException("must be at most " + TRADEMARK_MAX_DIGITS + " digits, not " + s.length());
        }
        return s;
    }

    // ---------------------------------------------------------------- software copyrights

    private static String normalizeSoftwareCopyright(String raw) {
        String s = withoutSpaces(fold(raw)).toUpperCase(Locale.ROOT);
        boolean shape = s.length() >= 12 && s.length() <= 13
                && isAsciiDigits(s, 0, 4)
                && s.startsWith("SR", 4)
                && isAsciiDigits(s, 6, s.length());
        if (!shape) {
            throw new IdentifierException("must be a year, 'SR' and 6 or 7 digits, e.g. 2020SR0123456");
        }
        int year = Integer.parseInt(s.substring(0, 4));
        int thisYear = Year.now().getValue();
        if (year < FIRST_YEAR || year > thisYear) {
            throw new IdentifierException("has year " + year + ", which is not between " + FIRST_YEAR + " and " + thisYear);
        }
        return s;
    }

    // ---------------------------------------------------------------- other copyrights

    private static String normalizeCopyright(String raw) {
        String trimmed = stripSpaces(raw);
        StringBuilder sb = new StringBuilder(trimmed.length());
        boolean inSpace = false;
        for (int i = 0; i < trimmed.length(); ) {
            int cp = trimmed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                throw new IdentifierException("contains an invisible control character (" + String.format("U+%04X", cp) + ")");
            }
            if (isSpace(cp)) {
                inSpace = true;
                continue;
            }
            if (inSpace) {
                sb.append(' ');
                inSpace = false;
            }
            sb.appendCodePoint(cp);
        }
        String s = sb.toString();
        int length = s.codePointCount(0, s.length());
        if (length < COPYRIGHT_MIN_LENGTH || length > COPYRIGHT_MAX_LENGTH) {
            throw new IdentifierException("must be " + COPYRIGHT_MIN_LENGTH + " to " + COPYRIGHT_MAX_LENGTH
                    + " characters, not " + length);
        }
        return s;
    }

    // ---------------------------------------------------------------- helpers

    /** Full-width digits, letters, dots and spaces to their ASCII forms. */
    private static String fold(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFKC);
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    private static String withoutSpaces(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !isSpace(cp)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** Removes leading and trailing spaces of any kind (also full-width and no-break spaces). */
    private static String stripSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end) {
            int cp = s.codePointAt(start);
            if (!isSpace(cp) && cp > ' ') {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp) && cp > ' ') {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(start, end);
    }

    private static boolean isAsciiDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String show(int cp) {
        if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
            return String.format("an invisible character (U+%04X)", cp);
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }
}
