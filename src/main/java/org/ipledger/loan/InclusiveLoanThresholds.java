package org.ipledger.loan;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What counts as an inclusive small loan changes over time (up to 10 million CNY until 2023, 20 million
 * from 2024): dated thresholds from configuration, the one in force on the loan's disbursement date.
 */
@ApplicationScoped
public class InclusiveLoanThresholds {

    private final NavigableMap<LocalDate, BigDecimal> thresholds = new TreeMap<>();

    public InclusiveLoanThresholds(@ConfigProperty(name = "ipledger.inclusive-loan.thresholds") Map<String, String> configured) {
        configured.forEach((from, max) -> thresholds.put(LocalDate.parse(from), new BigDecimal(max)));
        if (thresholds.isEmpty()) {
            throw new IllegalStateException("ipledger.inclusive-loan.thresholds is empty");
        }
    }

    public boolean isInclusive(BigDecimal principal, LocalDate on) {
        Map.Entry<LocalDate, BigDecimal> inForce = thresholds.floorEntry(on);
        return inForce != null && principal.compareTo(inForce.getValue()) <= 0;
    }
}
