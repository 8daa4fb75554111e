package org.ipledger.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Disclosure control for the lab. A cell built from fewer than {@value #MIN_ENTERPRISES} enterprises
 * is suppressed (primary suppression), and more cells are suppressed (complementary suppression) until
 * no primary cell can be derived from what the lab may see by adding and subtracting.
 * <p>
 * What the lab may see is fixed in advance, whatever it asks: the cells of a calendar year's
 * <em>lattice</em>, its 12 months, 4 quarters and the year (17 periods), for the total and every group
 * of every breakdown. They are tied by published relations: a quarter is the sum of its months and the
 * year the sum of its quarters (flows: amounts, counts); a quarter's balance is its last month's and
 * the year's its December's (stocks); in every period the groups of each breakdown add up to the
 * total. Suppression is decided once per lattice, so a month, a quarter or a year is suppressed the
 * same way in every answer; any other range of months is shown only where every lattice cell it is
 * made of is shown (see {@link StatsService}), so it tells nothing the lattice does not.
 * <p>
 * The audit is exact linear algebra: the suppressed cells are the unknowns of the published
 * relations, and a cell is derivable exactly when its unit vector lies in the row space of that
 * system. The reduced row echelon form is computed modulo two large primes; a cell derivable over the
 * rationals is derivable modulo any prime not dividing the denominators of its derivation, so a miss
 * needs both primes to divide them, and an extra "derivable" answer only suppresses more. Empty cells
 * are known zeros (an absent group is one) and never serve as complements.
 */
final class Disclosure {

    static final int MIN_ENTERPRISES = 3;

    /** Periods of a year lattice: months 0..11, quarters 12..15, the year 16. */
    static final int PERIODS = 17;
    static final int YEAR = 16;

    private static final long[] PRIMES = {2_147_483_647L, 1_000_000_007L};

    private Disclosure() {
    }



    /** What the audit needs of a cell. */
    record Cell(boolean present, boolean tooFew, long contributors) {
        static final Cell ABSENT = new Cell(false, false, 0);
    }

    /** A column of a lattice: a breakdown and a group; the total is ("TOTAL", "") and comes first. */
    record Column(String dim, String group) {
        static final Column TOTAL = new Column("TOTAL", "");
    }

    /** The lattice period of a month index (0..11) at a level. */
    static int period(StatsPeriod level, int monthIndex) {
        return switch (level) {
            case MONTH -> monthIndex;
            case QUARTER -> 12 + monthIndex / 3;
            case YEAR -> YEAR;
        };
    }

    /**
     * Decides one lattice: {@code cells[period][column]}, column 0 the total. {@code withStock} adds the
     * balance relations (lending). Answers which cells are suppressed.
     */
    static boolean[][] protect(List<Column> columns, Cell[][] cells, boolean withStock) {
        Lattice l = new Lattice(columns, cells, withStock);
        boolean[] suppressed = new boolean[l.size];
        for (int i = 0; i < l.size; i++) {
            suppressed[i] = l.cells[i].present() && l.cells[i].tooFew();
        }
        for (int guard = 0; guard <= l.size; guard++) {
            // Every leak the first prime finds, then (when none) the second prime's, to be sure.
            List<Leak> leaks = new ArrayList<>();
            for (int p = 0; p < PRIMES.length && leaks.isEmpty(); p++) {
                for (List<Relation> system : l.systems) {
                    leaks.addAll(leaks(l, system, suppressed, PRIMES[p]));
                }
            }
            if (leaks.isEmpty()) {
                break;
            }
            leaks.sort(java.util.Comparator.comparingInt(Leak::cell));
            java.util.Set<Integer> added = new java.util.HashSet<>();
            for (Leak leak : leaks) {
                // A complement already added in one of its relations has broken this derivation; the next
                // audit says whether another one remains.
                boolean broken = leak.relations().stream().anyMatch(r -> Arrays.stream(r.cells()).anyMatch(added::contains));
                if (broken) {
                    continue;
                }
                int complement = complement(l, columns, leak, suppressed);
                if (complement < 0) {
                    // Nothing published in the derivation (cannot happen with consistent figures): hide everything.
                    for (int i = 0; i < l.size; i++) {
                        suppressed[i] |= l.cells[i].present();
                    }
                    guard = l.size;
                    break;
                }
                suppressed[complement] = true;
                added.add(complement);
            }
        }
        boolean[][] out = new boolean[PERIODS][columns.size()];
        for (int i = 0; i < l.size; i++) {
            out[i / columns.size()][i % columns.size()] = suppressed[i];
        }
        return out;
    }

    /** Cell ids (period * columns + column) of one relation: the head minus the parts is zero. */
    private record Relation(int[] cells, long[] coefficients) {
        static Relation sum(int head, int... parts) {
            int[] c = new int[parts.length + 1];
            long[] k = new long[parts.length + 1];
            c[0] = head;
            k[0] = 1;
            for (int i = 0; i < parts.length; i++) {
                c[i + 1] = parts[i];
                k[i + 1] = -1;
            }
            return new Relation(c, k);
        }
    }

    private static final class Lattice {
        final int size;
        final Cell[] cells;
        final List<List<Relation>> systems = new ArrayList<>();

        Lattice(List<Column> columns, Cell[][] grid, boolean withStock) {
            int c = columns.size();
            size = PERIODS * c;
            cells = new Cell[size];
            for (int p = 0; p < PERIODS; p++) {
                for (int g = 0; g < c; g++) {
                    Cell cell = grid[p][g];
                    cells[p * c + g] = cell == null ? Cell.ABSENT : cell;
                }
            }
            List<Relation> groupSums = new ArrayList<>();
            Map<String, List<Integer>> dims = new java.util.TreeMap<>();
            for (int g = 1; g < c; g++) {
                dims.computeIfAbsent(columns.get(g).dim(), d -> new ArrayList<>()).add(g);
            }
            for (int p = 0; p < PERIODS; p++) {
                for (List<Integer> groups : dims.values()) {
                    int at = p;
                    groupSums.add(Relation.sum(p * c, groups.stream().mapToInt(g -> at * c + g).toArray()));
                }
            }
            List<Relation> flows = new ArrayList<>(groupSums);
            List<Relation> stocks = new ArrayList<>(groupSums);
            for (int g = 0; g < c; g++) {
                for (int q = 0; q < 4; q++) {
                    flows.add(Relation.sum((12 + q) * c + g, (3 * q) * c + g, (3 * q + 1) * c + g, (3 * q + 2) * c + g));
                    stocks.add(Relation.sum((12 + q) * c + g, (3 * q + 2) * c + g));
                }
                flows.add(Relation.sum(YEAR * c + g, 12 * c + g, 13 * c + g, 14 * c + g, 15 * c + g));
                stocks.add(Relation.sum(YEAR * c + g, 15 * c + g));
            }
            systems.add(flows);
            if (withStock) {
                systems.add(stocks);
            }
        }
    }

    /** A primary cell the published cells determine, and the relations that do it. */
    private record Leak(int cell, List<Relation> relations) {
    }

    /** The primary cells the published cells determine (modulo {@code prime}), each with its derivation. */
    private static List<Leak> leaks(Lattice l, List<Relation> system, boolean[] suppressed, long prime) {
        // Components of unknowns linked by a relation: each is solved on its own.
        int[] parent = new int[l.size];
        Arrays.setAll(parent, i -> i);
        for (Relation r : system) {
            int first = -1;
            for (int id : r.cells()) {
                if (suppressed[id]) {
                    if (first < 0) {
                        first = id;
                    } else {
                        parent[find(parent, id)] = find(parent, first);
                    }
                }
            }
        }
        Map<Integer, List<Relation>> rowsOf = new HashMap<>();
        for (Relation r : system) {
            for (int id : r.cells()) {
                if (suppressed[id]) {
                    rowsOf.computeIfAbsent(find(parent, id), k -> new ArrayList<>()).add(r);
                    break;
                }
            }
        }
        Map<Integer, List<Integer>> unknownsOf = new HashMap<>();
        Map<Integer, Boolean> primaryIn = new HashMap<>();
        for (int i = 0; i < l.size; i++) {
            if (suppressed[i]) {
                int root = find(parent, i);
                unknownsOf.computeIfAbsent(root, k -> new ArrayList<>()).add(i);
                primaryIn.merge(root, l.cells[i].tooFew(), Boolean::logicalOr);
            }
        }
        List<Leak> out = new ArrayList<>();
        for (Map.Entry<Integer, List<Relation>> component : rowsOf.entrySet()) {
            if (!primaryIn.getOrDefault(component.getKey(), false)) {
                continue;
            }
            derivable(component.getValue(), unknownsOf.get(component.getKey()), prime, true).forEach((id, used) -> {
                if (l.cells[id].tooFew()) {
                    out.add(new Leak(id, used));
                }
            });
        }
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * The unknowns whose unit vector is a row of the reduced row echelon form modulo {@code prime},
     * each with the relations combined to derive it when {@code track} (else an empty list).
     */
    static Map<Integer, List<Relation>> derivable(List<Relation> rows, List<Integer> unknowns, long prime, boolean track) {
        Map<Integer, Integer> column = new HashMap<>();
        for (int i = 0; i < unknowns.size(); i++) {
            column.put(unknowns.get(i), i);
        }
        int n = unknowns.size();
        int height = rows.size();
        long[][] m = new long[height][n];
        // The combination of original relations each row now is (only when asked: it costs height^2).
        long[][] comb = track ? new long[height][height] : null;
        for (int r = 0; r < height; r++) {
            Relation rel = rows.get(r);
            for (int k = 0; k < rel.cells().length; k++) {
                Integer col = column.get(rel.cells()[k]);
                if (col != null) {
                    m[r][col] = Math.floorMod(m[r][col] + rel.coefficients()[k], prime);
                }
            }
            if (track) {
                comb[r][r] = 1;
            }
        }
        int rank = 0;
        int[] pivot = new int[Math.min(height, n)];
        for (int col = 0; col < n && rank < height; col++) {
            int r = rank;
            while (r < height && m[r][col] == 0) {
                r++;
            }
            if (r == height) {
                continue;
            }
            swap(m, r, rank);
            if (track) {
                swap(comb, r, rank);
            }
            long inverse = power(m[rank][col], prime - 2, prime);
            scale(m[rank], inverse, prime);
            if (track) {
                scale(comb[rank], inverse, prime);
            }
            for (int other = 0; other < height; other++) {
                long f = m[other][col];
                if (other != rank && f != 0) {
                    subtract(m[other], m[rank], f, prime);
                    if (track) {
                        subtract(comb[other], comb[rank], f, prime);
                    }
                }
            }
            pivot[rank++] = col;
        }
        Map<Integer, List<Relation>> out = new HashMap<>();
        for (int r = 0; r < rank; r++) {
            int nonZero = 0;
            for (int k = 0; k < n && nonZero < 2; k++) {
                if (m[r][k] != 0) {
                    nonZero++;
                }
            }
            if (nonZero == 1) {
                List<Relation> used = new ArrayList<>();
                for (int i = 0; track && i < height; i++) {
                    if (comb[r][i] != 0) {
                        used.add(rows.get(i));
                    }
                }
                out.put(unknowns.get(pivot[r]), used);
            }
        }
        return out;
    }

    private static void swap(long[][] m, int a, int b) {
        long[] t = m[a];
        m[a] = m[b];
        m[b] = t;
    }

    private static void scale(long[] row, long factor, long prime) {
        for (int k = 0; k < row.length; k++) {
            if (row[k] != 0) {
                row[k] = row[k] * factor % prime;
            }
        }
    }

    /** row -= f * pivotRow (mod prime). */
    private static void subtract(long[] row, long[] pivotRow, long f, long prime) {
        for (int k = 0; k < row.length; k++) {
            if (pivotRow[k] != 0) {
                row[k] = Math.floorMod(row[k] - f * pivotRow[k] % prime, prime);
            }
        }
    }

    private static long power(long base, long exponent, long prime) {
        long result = 1;
        base %= prime;
        while (exponent > 0) {
            if ((exponent & 1) == 1) {
                result = result * base % prime;
            }
            base = base * base % prime;
            exponent >>= 1;
        }
        return result;
    }

    /**
     * The published cell to suppress next for a derivable cell: one of the shown, non-empty cells of
     * the relations that derive it, with the fewest contributors; on a tie a group before a total,
     * then the lowest id (months before quarters before the year).
     */
    private static int complement(Lattice l, List<Column> columns, Leak leak, boolean[] suppressed) {
        int best = -1;
        for (Relation r : leak.relations()) {
            for (int y : r.cells()) {
                if (suppressed[y] || !l.cells[y].present()) {
                    continue;
                }
                if (best < 0 || rank(l, columns, y) < rank(l, columns, best)) {
                    best = y;
                }
            }
        }
        return best;
    }

    private static long rank(Lattice l, List<Column> columns, int id) {
        boolean total = id % columns.size() == 0;
        return (l.cells[id].contributors() * 2 + (total ? 1 : 0)) * l.size + id;
    }
}
