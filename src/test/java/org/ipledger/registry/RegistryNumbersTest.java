package org.ipledger.registry;

import static org.ipledger.registry.AssetKind.COPYRIGHT;
import static org.ipledger.registry.AssetKind.DESIGN;
import static org.ipledger.registry.AssetKind.INVENTION_PATENT;
import static org.ipledger.registry.AssetKind.SOFTWARE_COPYRIGHT;
import static org.ipledger.registry.AssetKind.TRADEMARK;
import static org.ipledger.registry.AssetKind.UTILITY_MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Year;

import org.ipledger.common.IdentifierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryNumbersTest {

    private static final int THIS_YEAR = Year.now().getValue();

    private static String rejection(AssetKind kind, String raw) {
        return assertThrows(IdentifierException.class, () -> RegistryNumbers.normalize(kind, raw)).getMessage();
    }

    /** digits + '.' + their check character */
    private static String patent(String digits) {
        return digits + "." + RegistryNumbers.patentCheckCharacter(digits);
    }

    // ------------------------------------------------------------ check character

    @ParameterizedTest
    @CsvSource({
            // example from the 2003 announcement of the 12-digit format
            "200310102344, 5",
            "202010123456, 2",
            "202310000000, 0",
            "202110100009, X",
            // 8-digit numbers from before October 2003
            "02144686, 5",
            "95100123, X",
            "85100001, 0",
    })
    void patentCheckCharacterIsWeightedSumModEleven(String digits, char expected) {
        assertEquals(expected, RegistryNumbers.patentCheckCharacter(digits));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"2003101023", "2003101023445", "0214468", "2003101O2344", "02144686.5"})
    void patentCheckCharacterNeedsEightOrTwelveDigits(String digits) {
        assertThrows(IdentifierException.class, () -> RegistryNumbers.patentCheckCharacter(digits));
    }

    // ------------------------------------------------------------ patents: accepted spellings

    @ParameterizedTest
    @ValueSource(strings = {
            "200310102344.5",
            "2003101023445",
            "ZL200310102344.5",
            "zl200310102344.5",
            "ZL 2003 1 0102344.5",
            "CN200310102344.5",
            "cn 200310102344 . 5",
            "2003.1010.2344.5",
            " 200310102344.5\t",
            "200310102344\u30025",
            "\uFF3A\uFF2C\uFF12\uFF10\uFF10\uFF13\uFF11\uFF10\uFF11\uFF10\uFF12\uFF13\uFF14\uFF14\uFF0E\uFF15",
    })
    void patentNumbersAcceptPrefixesDotsSpacesAndAnyCase(String raw) {
        assertEquals("200310102344.5", RegistryNumbers.normalize(INVENTION_PATENT, raw));
    }

    @ParameterizedTest
    @CsvSource({
            "02144686.5, 02144686.5",
            "ZL 02144686.5, 02144686.5",
            "cn021446865, 02144686.5",
            "ZL95100123.x, 95100123.X",
    })
    void eightDigitNumbersFromBefore2003AreAccepted(String raw, String expected) {
        assertEquals(expected, RegistryNumbers.normalize(INVENTION_PATENT, raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"202110100009.X", "202110100009.x", "ZL202110100009X", "2021 1010 0009 x"})
    void checkCharacterXIsAcceptedInEitherCase(String raw) {
        assertEquals("202110100009.X", RegistryNumbers.normalize(INVENTION_PATENT, raw));
    }

    @ParameterizedTest
    @CsvSource({
            "INVENTION_PATENT, 200310102344.5",
            // type 8: international (PCT) application entering the Chinese phase
            "INVENTION_PATENT, 202180012345.7",
            "UTILITY_MODEL, 202020123456.8",
            "UTILITY_MODEL, 202190012345.2",
            "DESIGN, 202030123456.3",
            "INVENTION_PATENT, 02144686.5",
            "UTILITY_MODEL, 99200001.7",
            "DESIGN, 03300002.6",
    })
    void typeDigitMatchingTheKindIsAccepted(AssetKind kind, String number) {
        assertEquals(number, RegistryNumbers.normalize(kind, number));
    }

    // ------------------------------------------------------------ patents: rejections

    @Test
    void wrongCheckCharacterIsRejectedNamingTheExpectedOne() {
        assertEquals("check digit should be '2', not '7'", rejection(INVENTION_PATENT, "202010123456.7"));
        assertEquals("check digit should be '2', not 'X'", rejection(INVENTION_PATENT, "ZL202010123456.x"));
        assertEquals("check digit should be 'X', not '0'", rejection(INVENTION_PATENT, "202110100009.0"));
        assertEquals("check digit should be '5', not '4'", rejection(INVENTION_PATENT, "02144686.4"));
    }

    @Test
    void everySingleDigitTypoIsDetected() {
        String digits = "200310102344";
        for (int pos = 0; pos < digits.length(); pos++) {
            for (char c = '0'; c <= '9'; c++) {
                if (c == digits.charAt(pos)) {
                    continue;
                }
                String typo = digits.substring(0, pos) + c + digits.substring(pos + 1) + ".5";
                assertThrows(IdentifierException.class, () -> RegistryNumbers.normalize(INVENTION_PATENT, typo), typo);
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "INVENTION_PATENT|202020123456.8|is a utility model number, not an invention patent",
            "INVENTION_PATENT|202190012345.2|is a utility model number, not an invention patent",
            "INVENTION_PATENT|202030123456.3|is a design patent number, not an invention patent",
            "UTILITY_MODEL|200310102344.5|is an invention patent number, not a utility model",
            "UTILITY_MODEL|202030123456.3|is a design patent number, not a utility model",
            "DESIGN|202180012345.7|is an invention patent number, not a design patent",
            "DESIGN|99200001.7|is a utility model number, not a design patent",
    })
    void typeDigitNotMatchingTheKindIsRejected(AssetKind kind, String number, String message) {
        assertEquals(message, rejection(kind, number));
    }

    @ParameterizedTest
    @ValueSource(chars = {'0', '4', '5', '6', '7'})
    void typeDigitThatIsNoPatentTypeIsRejected(char type) {
        String number = patent("2020" + type + "0123456");
        assertEquals("has type digit '" + type + "' (the 5th digit), which is not a patent type:"
                + " 1 or 8 invention patent, 2 or 9 utility model, 3 design", rejection(INVENTION_PATENT, number));
        String legacy = patent("02" + type + "44686");
        assertTrue(rejection(INVENTION_PATENT, legacy).startsWith("has type digit '" + type + "' (the 3rd digit)"));
    }

    @Test
    void yearOfTwelveDigitNumberMustBeFrom1985ToThisYear() {
        assertEquals("198510000001.9", RegistryNumbers.normalize(INVENTION_PATENT, "198510000001.9"));
        String thisYear = patent(THIS_YEAR + "10000001");
        assertEquals(thisYear, RegistryNumbers.normalize(INVENTION_PATENT, thisYear));

        assertEquals("has year 1984, which is not between 1985 and " + THIS_YEAR,
                rejection(INVENTION_PATENT, patent("198410000001")));
        assertEquals("has year " + (THIS_YEAR + 1) + ", which is not between 1985 and " + THIS_YEAR,
                rejection(INVENTION_PATENT, patent((THIS_YEAR + 1) + "10000001")));
        assertEquals("has year 0203, which is not between 1985 and " + THIS_YEAR,
                rejection(INVENTION_PATENT, patent("020310000001")));
    }

    @Test
    void yearOfEightDigitNumberMustBeFrom85To03() {
        assertEquals("85100001.0", RegistryNumbers.normalize(INVENTION_PATENT, "85100001.0"));
        String year00 = patent("00100001");
        assertEquals(year00, RegistryNumbers.normalize(INVENTION_PATENT, year00));
        String year03 = patent("03100001");
        assertEquals(year03, RegistryNumbers.normalize(INVENTION_PATENT, year03));

        assertEquals("has year '84', but 8-digit numbers are from 1985 to 2003 (85 to 99, 00 to 03)",
                rejection(INVENTION_PATENT, patent("84100001")));
        assertEquals("has year '04', but 8-digit numbers are from 1985 to 2003 (85 to 99, 00 to 03)",
                rejection(INVENTION_PATENT, patent("04100001")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"200310102344", "ZL 2003 1010 2344", "02144686"})
    void patentNumberWithoutCheckDigitIsRejected(String raw) {
        assertEquals("is missing its check digit (the character after the dot)", rejection(INVENTION_PATENT, raw));
    }

    @ParameterizedTest
    @CsvSource({
            "20031010234.5, 12",
            "2003101023444.5, 14",
            "0214468.5, 8",
            "2144686.5, 8",
            "ZL12345, 5",
    })
    void patentNumberOfWrongLengthIsRejected(String raw, int length) {
        assertEquals("must be 12 digits and a check digit (e.g. 202010123456.2), or 8 digits and a check digit for"
                        + " applications filed before October 2003; found " + length + " characters, not counting dots and spaces",
                rejection(INVENTION_PATENT, raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "2003-10102344.5|contains '-', which is not allowed in patent numbers",
            "2003101O2344.5|contains 'O', which is not allowed in patent numbers",
            "US200310102344.5|contains 'U', which is not allowed in patent numbers",
            "ZL200310102344.5A|contains 'A', which is not allowed in patent numbers",
            "20031X102344.5|contains 'X' before the end; only the check digit (the last character) may be 'X'",
            "ZL|has no digits",
    })
    void patentNumberWithForeignCharactersIsRejected(String raw, String message) {
        assertEquals(message, rejection(INVENTION_PATENT, raw));
    }

    // ------------------------------------------------------------ trademarks

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "1|1",
            "12345678|12345678",
            "\" 0012 3456 \"|00123456",
            "1234567890|1234567890",
            "\uFF11\uFF12\uFF13|123",
    })
    void trademarkNumberIsOneToTenDigitsKeptAsGiven(String raw, String expected) {
        assertEquals(expected, RegistryNumbers.normalize(TRADEMARK, raw));
    }

    @Test
    void trademarkNumberLongerThanTenDigitsIsRejected() {
        assertEquals("must be at most 10 digits, not 11", rejection(TRADEMARK, "12345678901"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "G1234567|'G'",
            "第12345号|'第'",
            "1234-5678|'-'",
    })
    void trademarkNumberWithNonDigitsIsRejected(String raw, String shown) {
        assertEquals("contains " + shown + "; a trademark registration number has digits only", rejection(TRADEMARK, raw));
    }

    // ------------------------------------------------------------ software copyrights

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "2020SR0123456|2020SR0123456",
            "2020sr0123456|2020SR0123456",
            "\" 2020 SR 0123456 \"|2020SR0123456",
            "2015SR123456|2015SR123456",
            "1985SR000001|1985SR000001",
    })
    void softwareCopyrightNumberIsYearSrAndSixOrSevenDigits(String raw, String expected) {
        assertEquals(expected, RegistryNumbers.normalize(SOFTWARE_COPYRIGHT, raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020SR01234", "2020SR01234567", "2020RS0123456", "20SR0123456", "2020-SR-0123456",
            "2020SR012345X", "软著登字第0123456号"})
    void softwareCopyrightNumberOfOtherShapeIsRejected(String raw) {
        assertEquals("must be a year, 'SR' and 6 or 7 digits, e.g. 2020SR0123456", rejection(SOFTWARE_COPYRIGHT, raw));
    }

    @Test
    void softwareCopyrightYearMustBeFrom1985ToThisYear() {
        String thisYear = THIS_YEAR + "SR0000001";
        assertEquals(thisYear, RegistryNumbers.normalize(SOFTWARE_COPYRIGHT, thisYear));
        assertEquals("has year " + (THIS_YEAR + 1) + ", which is not between 1985 and " + THIS_YEAR,
                rejection(SOFTWARE_COPYRIGHT, (THIS_YEAR + 1) + "SR0000001"));
        assertEquals("has year 1984, which is not between 1985 and " + THIS_YEAR,
                rejection(SOFTWARE_COPYRIGHT, "1984SR000001"));
    }

    // ------------------------------------------------------------ other copyrights

    @Test
    void copyrightNumberIsTrimmedWithInnerSpacesCollapsed() {
        assertEquals("国作登字-2021-F-00012345", RegistryNumbers.normalize(COPYRIGHT, "  国作登字-2021-F-00012345 \n"));
        assertEquals("国作登字 2021 F 00012345", RegistryNumbers.normalize(COPYRIGHT, "国作登字  2021\u3000F \u00A000012345"));
        assertEquals("abc", RegistryNumbers.normalize(COPYRIGHT, "\u3000 abc\u00A0"));
    }

    @Test
    void copyrightNumberMustBeThreeToSixtyFourCharacters() {
        assertEquals("abc", RegistryNumbers.normalize(COPYRIGHT, "abc"));
        assertEquals("国作登", RegistryNumbers.normalize(COPYRIGHT, "国作登"));
        String max = "国".repeat(64);
        assertEquals(max, RegistryNumbers.normalize(COPYRIGHT, max));
        assertEquals("must be 3 to 64 characters, not 2", rejection(COPYRIGHT, " ab "));
        assertEquals("must be 3 to 64 characters, not 65", rejection(COPYRIGHT, "国".repeat(65)));
        // collapsing counts: "a  b" becomes "a b", 3 characters
        assertEquals("a b", RegistryNumbers.normalize(COPYRIGHT, "a     b"));
    }

    @Test
    void copyrightNumberWithControlCharactersIsRejected() {
        assertEquals("contains an invisible control character (U+0009)", rejection(COPYRIGHT, "国作登字\t2021"));
        assertEquals("contains an invisible control character (U+000A)", rejection(COPYRIGHT, "国作登字\n2021"));
        assertEquals("contains an invisible control character (U+0000)", rejection(COPYRIGHT, "国作登字\u00002021"));
        // zero-width space: invisible, would make two spellings of one number
        assertEquals("contains an invisible control character (U+200B)", rejection(COPYRIGHT, "国作登字\u200B2021"));
    }

    // ------------------------------------------------------------ all kinds

    @ParameterizedTest
    @EnumSource(AssetKind.class)
    void missingNumberIsRequiredForEveryKind(AssetKind kind) {
        assertEquals("is required", rejection(kind, null));
        assertEquals("is required", rejection(kind, ""));
        assertEquals("is required", rejection(kind, "   "));
        assertEquals("is required", rejection(kind, "\u3000\t"));
    }

    @Test
    void kindIsMandatory() {
        assertThrows(NullPointerException.class, () -> RegistryNumbers.normalize(null, "200310102344.5"));
    }
}
