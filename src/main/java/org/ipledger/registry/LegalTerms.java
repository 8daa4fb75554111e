package org.ipledger.registry;

import java.time.LocalDate;

/**
 * Protection terms fixed by Chinese law. A term "of N years from" a date ends the day before its
 * N-th anniversary.
 */
public final class LegalTerms {

    /** Designs filed from this day get 15 years (Patent Law as amended in 2020), earlier ones 10. */
    static final LocalDate DESIGN_15_YEARS_FROM = LocalDate.of(2021, 6, 1);
    static final int TRADEMARK_RENEWAL_YEARS = 10;

    private LegalTerms() {
    }

    /** Null where the law gives no date yet (a trademark not yet registered). */
    public static LocalDate expiry(AssetKind kind, LocalDate filingDate, LocalDate grantDate) {
        return switch (kind) {
            case INVENTION_PATENT -> years(filingDate, 20);
            case UTILITY_MODEL -> years(filingDate, 10);
            case DESIGN -> years(filingDate, filingDate.isBefore(DESIGN_15_YEARS_FROM) ? 10 : 15);
            case TRADEMARK -> grantDate == null ? null : years(grantDate, 10);
            // Works of legal persons: 31 December of the 50th year after (first publication ≈ filing).
            case COPYRIGHT, SOFTWARE_COPYRIGHT -> LocalDate.of(filingDate.getYear() + 50, 12, 31);
        };
    }

    public static LocalDate renew(LocalDate expiresOn) {
        return expiresOn.plusYears(TRADEMARK_RENEWAL_YEARS);
    }

    /** The status a bank must act on: a VALID right whose term has run out is EXPIRED. */
    public static LegalStatus effective(LegalStatus recorded, LocalDate expiresOn, LocalDate today) {
        if (recorded == LegalStatus.VALID && expiresOn != null && expiresOn.isBefore(today)) {
            return LegalStatus.EXPIRED;
        }
        return recorded;
    }

    private static LocalDate years(LocalDate from, int years) {
        return from.plusYears(years).minusDays(1);
    }
}
