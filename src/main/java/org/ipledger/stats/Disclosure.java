package org.ipledger.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Disclosure control for the lab. A cell built from fewer than {@value #MIN_ENTERPRISES} enterprises
 * is suppressed (primary suppression). So that it cannot be recovered from the total by subtraction,
 * within every breakdown of a period (the groups that add up to the period's total):
 * <ul>
 *   <li>when exactly one group is suppressed, the unsuppressed group with the fewest contributors
 *       (then the smallest group key) is suppressed too (complementary suppression);</li>
 *   <li>when the breakdown has a single group, it equals the total, and both are suppressed together;</li>
 *   <li>a suppressed total suppresses every group (each has fewer contributors than the total).</li>
 * </ul>
 * Year-on-year changes are shown only when both years' cells are shown.
 */
final class Disclosure {

    static final int MIN_ENTERPRISES = 3;

    private Disclosure() {
    }

    /** A cell to decide on: its group key, whether it is primarily suppressed, and its contributors. */
    record Cell(String group, boolean tooFew, long contributors) {
    }

    /** The groups to suppress in one breakdown of one period whose total is shown unless {@code totalTooFew}. */
    static Decision decide(boolean totalTooFew, List<Cell> groups) {
        Set<String> suppressed = new HashSet<>();
        if (totalTooFew) {
            groups.forEach(c -> suppressed.add(c.group()));
            return new Decision(true, suppressed);
        }
        groups.stream().filter(Cell::tooFew).forEach(c -> suppressed.add(c.group()));
        boolean totalSuppressed = false;
        if (suppressed.size() == 1) {
            List<Cell> others = new ArrayList<>(groups.stream().filter(c -> !suppressed.contains(c.group())).toList());
            if (others.isEmpty()) {
                totalSuppressed = true;
            } else {
                others.sort(Comparator.comparingLong(Cell::contributors).thenComparing(Cell::group));
                suppressed.add(others.get(0).group());
            }
        }
        return new Decision(totalSuppressed, suppressed);
    }

    record Decision(boolean totalSuppressed, Set<String> suppressedGroups) {
        static final Decision NONE = new Decision(false, Set.of());

        boolean suppressed(String group) {
            return suppressedGroups.contains(group);
        }
    }

    /** Convenience over a map of group figures. */
    static <F> Decision decide(boolean totalTooFew, Map<String, F> groups, java.util.function.Predicate<F> tooFew,
                               java.util.function.ToLongFunction<F> contributors) {
        List<Cell> cells = new ArrayList<>();
        groups.forEach((g, f) -> cells.add(new Cell(g, tooFew.test(f), contributors.applyAsLong(f))));
        return decide(totalTooFew, cells);
    }
}
