package org.ipledger.stats;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisclosureTest {

    private static Disclosure.Cell cell(String group, long enterprises) {
        return new Disclosure.Cell(group, enterprises < Disclosure.MIN_ENTERPRISES, enterprises);
    }

    @Test
    void loneSmallCellTakesTheNextSmallestWithIt() {
        var d = Disclosure.decide(false, List.of(cell("GUSU", 10), cell("WUZHONG", 1), cell("KUNSHAN", 4)));
        assertEquals(Set.of("WUZHONG", "KUNSHAN"), d.suppressedGroups());
        assertFalse(d.totalSuppressed());
    }

    @Test
    void twoSmallCellsNeedNoComplement() {
        var d = Disclosure.decide(false, List.of(cell("GUSU", 10), cell("WUZHONG", 1), cell("KUNSHAN", 2)));
        assertEquals(Set.of("WUZHONG", "KUNSHAN"), d.suppressedGroups());
    }

    @Test
    void smallTotalSuppressesEveryGroup() {
        var d = Disclosure.decide(true, List.of(cell("GUSU", 2)));
        assertTrue(d.totalSuppressed());
        assertEquals(Set.of("GUSU"), d.suppressedGroups());
    }

    @Test
    void singleSuppressedGroupEqualsTheTotalSoTheTotalGoesToo() {
        var d = Disclosure.decide(false, List.of(cell("GUSU", 2)));
        assertTrue(d.totalSuppressed());
    }

    @Test
    void tiesOnContributorsAreBrokenByGroupKey() {
        var d = Disclosure.decide(false, List.of(cell("B", 5), cell("A", 5), cell("Z", 1)));
        assertEquals(Set.of("Z", "A"), d.suppressedGroups());
    }

    @Test
    void bigCellsStayShown() {
        var d = Disclosure.decide(false, List.of(cell("GUSU", 3), cell("WUZHONG", 7)));
        assertTrue(d.suppressedGroups().isEmpty());
    }
}
