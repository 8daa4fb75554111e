package org.ipledger.securitization;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One recorded period in a product's list; its full report is at /periods/{periodNumber}. */
public record PeriodSummary(int periodNumber, LocalDate periodStart, LocalDate periodEnd, BigDecimal collected,
                            @Schema(description = "Part of collected dated in an earlier recorded period")
                            BigDecimal priorPeriodCollected,
                            BigDecimal paidOut, BigDecimal cashCarried,
                            @Schema(description = "Principal written off the tranches for losses this period")
                            BigDecimal writtenDown,
                            @Schema(description = "Earlier write-downs restored this period")
                            BigDecimal writtenBack,
                            OffsetDateTime recordedAt, Long journalSeq) {
}
