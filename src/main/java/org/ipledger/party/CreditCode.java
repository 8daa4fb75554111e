package org.ipledger.party;

import java.text.Normalizer;

import org.ipledger.common.IdentifierException;

/**
 * Unified social credit code (统一社会信用代码) as defined by GB 32100-2015.
 *
 * <p>18 characters from a 31-character alphabet (digits and capital letters without
 * I, O, S, V and Z): registration authority (1), organisation category (2),
 * administrative division code (3-8, six digits), organisation code (9-17) and a
 * check character (18).
 */
public final class CreditCode {

    /** The code alphabet; a character's index is its numeric value. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /** Length of a complete code. */
    public static final int LENGTH = 18;

    /** Weights for positions 1..17 (3^(i-1) mod 31). */
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /**
     * Cleans up and validates a credit code as typed by a person: surrounding and inner
     * spaces are removed (also full-width ones), full-width characters are folded to
     * ASCII, letters are upper-cased.
     *
     * @return the 18-character code
     * @throws IdentifierException with a message for the person who typed the value
     */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IdentifierException("is required");
        }
        String code = clean(raw);
        if (code.isEmpty()) {
            throw new IdentifierException("is required");
        }
        for (int i = 0; i < code.length(); ) {
            int cp = code.codePointAt(i);
            if (cp > 0xFFFF || ALPHABET.indexOf(cp) < 0) {
                throw new IdentifierException(describeBadCharacter(cp));
            }
            i += Character.charCount(cp);
        }
        if (code.length() != LENGTH) {
            throw new IdentifierException("must be 18 characters, not " + code.length());
        }
        for (int i = 2; i < 8; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                throw new IdentifierException("characters 3 to 8 (the administrative division code) must be digits, but character "
                        + (i + 1) + " is '" + c + "'");
            }
        }
        char expected = computeCheck(code.substring(0, LENGTH - 1));
        char actual = code.charAt(LENGTH - 1);
        if (expected != actual) {
            throw new IdentifierException("check character should be '" + expected + "', not '" + actual + "'");
        }
        return code;
    }

    /**
     * Whether {@link #normalize(String)} accepts the value.
     */
    public static boolean isValid(String raw) {
        try {
            normalize(raw);
            return true;
        } catch (IdentifierException e) {
            return false;
        }
    }

    /**
     * The check character (18th) for the first 17 characters of a code.
     *
     * @param first17 exactly 17 characters from {@link #ALPHABET} (letters in either case, no spaces)
     * @throws IdentifierException if the input is not 17 alphabet characters
     */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != LENGTH - 1) {
            throw new IdentifierException("must be 17 characters to compute a check character");
        }
        StringBuilder upper = new StringBuilder(LENGTH - 1);
        for (int i = 0; i < first17.length(); i++) {
            char c = Character.toUpperCase(first17.charAt(i));
            if (ALPHABET.indexOf(c) < 0) {
                throw new IdentifierException(describeBadCharacter(c));
            }
            upper.append(c);
        }
        return computeCheck(upper.toString());
    }

    private static char computeCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    /** NFKC (full-width to ASCII), drop every kind of space, upper-case character by character. */
    private static String clean(String raw) {
        String folded = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(folded.length());
        folded.codePoints()
                .filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
                .map(Character::toUpperCase)
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }

    private static String describeBadCharacter(int cp) {
        String shown = Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                ? String.format("U+%04X", cp)
                : "'" + new String(Character.toChars(cp)) + "'";
        return switch (cp) {
            case 'I' -> "contains " + shown + ", which is not used in credit codes; did you mean '1'?";
            case 'O' -> "contains " + shown + ", which is not used in credit codes; did you mean '0'?";
            case 'Z' -> "contains " + shown + ", which is not used in credit codes; did you mean '2'?";
            case 'S' -> "contains " + shown + ", which is not used in credit codes; did you mean '5'?";
            case 'V' -> "contains " + shown + ", which is not used in credit codes";
            default -> "contains " + shown + ", which is not allowed in credit codes (only digits and letters)";
        };
    }
}
