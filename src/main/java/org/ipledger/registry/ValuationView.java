package org.ipledger.registry;


import java.math.BigDecimal;
import java.time.LocalDate;

/** Amounts leave the service as decimal strings so no client parses them into binary floating point. */
public record ValuationView(long id, String appraiser,
                            BigDecimal amount,
                            LocalDate valuedOn, ValuationMethod method) {

    public static ValuationView of(Valuation v) {
        return new ValuationView(v.id, v.appraiser, v.amount, v.valuedOn, v.method);
    }
}
