package org.ipledger.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lattice audit on hand-made years. Each case also runs the subtraction attack (any published
 * relation with a single hidden cell gives it away, repeated until nothing more is learnt) and
 * checks that no primary cell falls.
 */
class DisclosureTest {

    private static final int JAN = 0;
    private static final int FEB = 1;
    private static final int MAR = 2;
    private static final int APR = 3;
    private static final int DEC = 11;
    private static final int Q1 = 12;
    private static final int Q4 = 15;
    private static final int Q2 = 13;
    private static final int YEAR = 16;

    /** A year of figures per column: enterprises (the contributors) per month; quarters and the year summed. */
    private static Disclosure.Cell[][] lattice(long[][] monthlyEnterprises, long[][] quarterlyEnterprises, long[] yearlyEnterprises) {
        int columns = yearlyEnterprises.length;
        Disclosure.Cell[][] grid = new Disclosure.Cell[Disclosure.PERIODS][columns];
        for (int c = 0; c < columns; c++) {
            for (int m = 0; m < 12; m++) {
                grid[m][c] = cell(monthlyEnterprises[c][m]);
            }
            for (int q = 0; q < 4; q++) {
                grid[12 + q][c] = cell(quarterlyEnterprises[c][q]);
            }
            grid[YEAR][c] = cell(yearlyEnterprises[c]);
        }
        return grid;
    }

    private static Disclosure.Cell cell(long enterprises) {
        return enterprises == 0 ? Disclosure.Cell.ABSENT
                : new Disclosure.Cell(true, enterprises < Disclosure.MIN_ENTERPRISES, enterprises);
    }

    @Test
    void aSmallMonthIsNotItsQuarterMinusTheOtherMonths() {
        // Total only: January 3 enterprises, February 1, March 3; the quarter and the year 5.
        long[][] months = {{3, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
        long[][] quarters = {{5, 0, 0, 0}};
        boolean[][] s = Disclosure.protect(List.of(Disclosure.Column.TOTAL), lattice(months, quarters, new long[]{5}), false);
        assertTrue(s[FEB][0]);
        assertTrue(s[JAN][0] || s[MAR][0] || s[Q1][0], "a complement along the quarter");
        // The quarter equals the year (nothing else that year): hiding one but not the other would not help.
        assertEquals(s[Q1][0], s[YEAR][0]);
        assertNothingFalls(List.of(Disclosure.Column.TOTAL), lattice(months, quarters, new long[]{5}), s, false);
    }

    @Test
    void aComplementGroupIsNotItsOwnQuartersSummed() {
        // The year by district: GUSU 6, KUNSHAN 4, WUZHONG 1 enterprises. KUNSHAN and WUZHONG only in April
        // (GUSU 3 there); GUSU also in July. A complement at the year alone (KUNSHAN) would fall to
        // KUNSHAN's April and Q2, so the audit must reach into the periods too.
        List<Disclosure.Column> columns = List.of(Disclosure.Column.TOTAL, new Disclosure.Column("DISTRICT", "GUSU"),
                new Disclosure.Column("DISTRICT", "KUNSHAN"), new Disclosure.Column("DISTRICT", "WUZHONG"));
        long[][] months = {
                {0, 0, 0, 8, 0, 0, 3, 0, 0, 0, 0, 0},
                {0, 0, 0, 3, 0, 0, 3, 0, 0, 0, 0, 0},
                {0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}};
        long[][] quarters = {{0, 8, 3, 0}, {0, 3, 3, 0}, {0, 4, 0, 0}, {0, 1, 0, 0}};
        long[] years = {11, 6, 4, 1};
        var grid = lattice(months, quarters, years);
        boolean[][] s = Disclosure.protect(columns, grid, false);
        assertTrue(s[APR][3] && s[Q2][3] && s[YEAR][3], "WUZHONG is suppressed wherever it appears");
        assertNothingFalls(columns, grid, s, false);
    }

    @Test
    void balancesTieAQuarterToItsLastMonth() {
        // Lending: December's cell is small (1 borrower) but its balance is the fourth quarter's and the year's.
        long[][] months = {{0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 1}};
        long[][] quarters = {{0, 0, 0, 4}};
        var grid = lattice(months, quarters, new long[]{4});
        boolean[][] s = Disclosure.protect(List.of(Disclosure.Column.TOTAL), grid, true);
        assertTrue(s[DEC][0] && s[Q4][0] && s[YEAR][0], "the quarter and the year carry December's balance");
        assertNothingFalls(List.of(Disclosure.Column.TOTAL), grid, s, true);
    }

    @Test
    void aSingleGroupEqualsTheTotalSoBothGo() {
        List<Disclosure.Column> columns = List.of(Disclosure.Column.TOTAL, new Disclosure.Column("BANK", "7"));
        long[][] months = {{2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
        long[][] quarters = {{2, 0, 0, 0}, {2, 0, 0, 0}};
        boolean[][] s = Disclosure.protect(columns, lattice(months, quarters, new long[]{2, 2}), false);
        assertTrue(s[JAN][0] && s[JAN][1] && s[Q1][0] && s[YEAR][1]);
    }

    @Test
    void bigCellsStayShown() {
        List<Disclosure.Column> columns = List.of(Disclosure.Column.TOTAL, new Disclosure.Column("DISTRICT", "GUSU"),
                new Disclosure.Column("DISTRICT", "WUZHONG"));
        long[][] months = {{10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                {7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
        long[][] quarters = {{10, 0, 0, 0}, {3, 0, 0, 0}, {7, 0, 0, 0}};
        boolean[][] s = Disclosure.protect(columns, lattice(months, quarters, new long[]{10, 3, 7}), true);
        for (boolean[] period : s) {
            for (boolean hidden : period) {
                assertFalse(hidden);
            }
        }
    }

    /** The subtraction attack over every published relation, repeated to a fixed point. */
    static void assertNothingFalls(List<Disclosure.Column> columns, Disclosure.Cell[][] grid, boolean[][] s, boolean withStock) {
        int c = columns.size();
        boolean[][] known = new boolean[Disclosure.PERIODS][c];
        for (int p = 0; p < Disclosure.PERIODS; p++) {
            for (int g = 0; g < c; g++) {
                known[p][g] = !s[p][g] || !grid[p][g].present();
            }
        }
        List<int[][]> relations = new ArrayList<>();
        for (int g = 0; g < c; g++) {
            for (int q = 0; q < 4; q++) {
                relations.add(new int[][]{{12 + q, g}, {3 * q, g}, {3 * q + 1, g}, {3 * q + 2, g}});
                if (withStock) {
                    relations.add(new int[][]{{12 + q, g}, {3 * q + 2, g}});
                }
            }
            relations.add(new int[][]{{YEAR, g}, {12, g}, {13, g}, {14, g}, {15, g}});
            if (withStock) {
                relations.add(new int[][]{{YEAR, g}, {15, g}});
            }
        }
        for (int p = 0; p < Disclosure.PERIODS; p++) {
            for (String dim : columns.stream().map(Disclosure.Column::dim).filter(d -> !d.equals("TOTAL")).distinct().toList()) {
                List<int[]> cells = new ArrayList<>(List.of(new int[]{p, 0}));
                for (int g = 1; g < c; g++) {
                    if (columns.get(g).dim().equals(dim)) {
                        cells.add(new int[]{p, g});
                    }
                }
                relations.add(cells.toArray(new int[0][]));
            }
        }
        boolean learnt = true;
        while (learnt) {
            learnt = false;
            for (int[][] r : relations) {
                int unknown = 0;
                int[] last = null;
                for (int[] x : r) {
                    if (!known[x[0]][x[1]]) {
                        unknown++;
                        last = x;
                    }
                }
                if (unknown == 1) {
                    known[last[0]][last[1]] = true;
                    learnt = true;
                }
            }
        }
        for (int p = 0; p < Disclosure.PERIODS; p++) {
            for (int g = 0; g < c; g++) {
                if (grid[p][g].tooFew()) {
                    assertFalse(known[p][g], "primary cell " + p + "/" + columns.get(g) + " falls to subtraction");
                }
            }
        }
    }
}
