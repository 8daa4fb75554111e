package org.ipledger.registry;


import java.math.BigDecimal;
import java.time.LocalDate;

/** Amounts leave the service as decimal strings so no client parses them into binary floating point. */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record ValuationView(long id, String appraiser,
                            BigDecimal amount,
                            LocalDate valuedOn, ValuationMethod method, Long journalSeq) {

    public static ValuationView of(Valuation v) {
        return new ValuationView(v.id, v.appraiser, v.amount, v.valuedOn, v.method, null);
    }

    public ValuationView withJournalSeq(long seq) {
        return new ValuationView(id, appraiser, amount, valuedOn, method, seq);
    }
}
