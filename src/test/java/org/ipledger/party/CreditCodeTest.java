package org.ipledger.party;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.ipledger.common.IdentifierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {

    private static final String HUAWEI = "914403001922038216";
    private static final String TENCENT = "9144030071526726XG";

    private static String rejection(String raw) {
        return assertThrows(IdentifierException.class, () -> CreditCode.normalize(raw)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {HUAWEI, TENCENT})
    void realPublishedCodesAreValid(String code) {
        assertEquals(code, CreditCode.normalize(code));
        assertTrue(CreditCode.isValid(code));
    }

    @Test
    void checkCharacterOfRealCodesIsTheirLastCharacter() {
        assertEquals('6', CreditCode.checkCharacter("91440300192203821"));
        assertEquals('G', CreditCode.checkCharacter("9144030071526726X"));
    }

    @Test
    void checkValueThirtyOneIsWrittenAsZero() {
        // weighted sum of these 17 characters is a multiple of 31
        assertEquals('0', CreditCode.checkCharacter("91110108MA01ABCDH"));
        assertEquals("91110108MA01ABCDH0", CreditCode.normalize("91110108MA01ABCDH0"));
    }

    @Test
    void checkValueThirtyIsWrittenAsY() {
        assertEquals('Y', CreditCode.checkCharacter("91110108MA01ABCDU"));
        assertEquals("91110108MA01ABCDUY", CreditCode.normalize("91110108ma01abcduy"));
    }

    @Test
    void checkCharacterAcceptsLowerCaseInput() {
        assertEquals('G', CreditCode.checkCharacter("9144030071526726x"));
    }

    @Test
    void generatedCodesAreValidAndAnyOtherCheckCharacterIsRejected() {
        Random random = new Random(32100);
        String alphabet = CreditCode.ALPHABET;
        for (int n = 0; n < 200; n++) {
            StringBuilder first17 = new StringBuilder();
            for (int i = 0; i < 17; i++) {
                boolean division = i >= 2 && i < 8;
                first17.append(division ? (char) ('0' + random.nextInt(10)) : alphabet.charAt(random.nextInt(31)));
            }
            char check = CreditCode.checkCharacter(first17.toString());
            String code = first17.toString() + check;
            assertEquals(code, CreditCode.normalize(code));
            for (char other : alphabet.toCharArray()) {
                if (other != check) {
                    assertFalse(CreditCode.isValid(first17.toString() + other), first17.toString() + other);
                }
            }
        }
    }

    @Test
    void everySingleCharacterTypoIsDetected() {
        for (int pos = 0; pos < 18; pos++) {
            for (char c : CreditCode.ALPHABET.toCharArray()) {
                if (c == HUAWEI.charAt(pos)) {
                    continue;
                }
                String typo = HUAWEI.substring(0, pos) + c + HUAWEI.substring(pos + 1);
                assertFalse(CreditCode.isValid(typo), typo);
            }
        }
    }

    @Test
    void lowerCaseSpacesAndFullWidthCharactersAreNormalized() {
        assertEquals(TENCENT, CreditCode.normalize(" 9144 0300 7152 6726xg "));
        assertEquals(TENCENT, CreditCode.normalize("9144030071526726xg"));
        assertEquals(HUAWEI, CreditCode.normalize("\t914403001922038216\n"));
        assertEquals(HUAWEI, CreditCode.normalize("91 44 03 00 19 22 03 82 16"));
        // full-width digits and letters and an ideographic space, as typed with a Chinese input method
        assertEquals(TENCENT, CreditCode.normalize(
                "\uFF19\uFF11\uFF14\uFF14\uFF10\uFF13\uFF10\uFF10\u3000\uFF17\uFF11\uFF15\uFF12\uFF16\uFF17\uFF12\uFF16\uFF58\uFF47"));
        assertTrue(CreditCode.isValid(" 9144 0300 7152 6726xg "));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t", "\u3000"})
    void missingCodeIsRequired(String raw) {
        assertEquals("is required", rejection(raw));
        assertFalse(CreditCode.isValid(raw));
    }

    @ParameterizedTest
    @CsvSource({
            "91440300192203821, 17",
            "9144030019220382160, 19",
            "9144, 4",
    })
    void codeMustBeEighteenCharacters(String raw, int length) {
        assertEquals("must be 18 characters, not " + length, rejection(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "914403001922O38216|contains 'O', which is not used in credit codes; did you mean '0'?",
            "9144030019220382I6|contains 'I', which is not used in credit codes; did you mean '1'?",
            "914403001922038Z16|contains 'Z', which is not used in credit codes; did you mean '2'?",
            "91440300192203821S|contains 'S', which is not used in credit codes; did you mean '5'?",
            "9144030019220382V6|contains 'V', which is not used in credit codes",
            "914403001922o38216|contains 'O', which is not used in credit codes; did you mean '0'?",
    })
    void lettersIOSVZAreRejectedAsUnused(String raw, String message) {
        assertEquals(message, rejection(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "91440300-1922038216|'-'",
            "91440300192203821*|'*'",
            "华为914403001922038|'华'",
    })
    void charactersOutsideTheAlphabetAreRejected(String raw, String shown) {
        assertEquals("contains " + shown + ", which is not allowed in credit codes (only digits and letters)", rejection(raw));
    }

    @Test
    void administrativeDivisionCodeMustBeDigits() {
        String first17 = "9144A300192203821";
        String code = first17 + CreditCode.checkCharacter(first17);
        assertEquals("characters 3 to 8 (the administrative division code) must be digits, but character 5 is 'A'",
                rejection(code));
    }

    @Test
    void wrongCheckCharacterIsRejectedNamingTheExpectedOne() {
        assertEquals("check character should be '6', not '7'", rejection("914403001922038217"));
        assertEquals("check character should be 'G', not 'Y'", rejection("9144030071526726XY"));
        assertEquals("check character should be 'G', not '0'", rejection("9144030071526726x0"));
    }

    @Test
    void isValidIsFalseForJunk() {
        assertFalse(CreditCode.isValid("not a credit code"));
        assertFalse(CreditCode.isValid("914403001922038217"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"9144030019220382", "914403001922038216", "9144030019220382-"})
    void checkCharacterNeedsSeventeenAlphabetCharacters(String first17) {
        assertThrows(IdentifierException.class, () -> CreditCode.checkCharacter(first17));
    }
}
