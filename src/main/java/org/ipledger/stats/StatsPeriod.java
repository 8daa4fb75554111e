package org.ipledger.stats;

import java.time.LocalDate;

/** How months are grouped into periods. */
public enum StatsPeriod {
    MONTH(1), QUARTER(3), YEAR(12);

    final int months;

    StatsPeriod(int months) {
        this.months = months;
    }

    /** The first month of the period holding {@code month}. */
    LocalDate start(LocalDate month) {
        return switch (this) {
            case MONTH -> month.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(month.getYear(), ((month.getMonthValue() - 1) / 3) * 3 + 1, 1);
            case YEAR -> LocalDate.of(month.getYear(), 1, 1);
        };
    }

    /** "2024-03", "2024-Q1", "2024". */
    String label(LocalDate start) {
        return switch (this) {
            case MONTH -> String.format("%04d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(start.getYear());
        };
    }
}
