package org.ipledger.loan;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.ipledger.party.PartyRef;
import org.ipledger.pledge.PledgeStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoanView(long id, PartyRef lender, PartyRef borrower, BigDecimal principal, String currency,
                       BigDecimal annualRate, LocalDate disbursementDate, LocalDate maturityDate, String purpose,
                       boolean inclusiveSmallLoan, boolean firstTimePledgor, Equity equityInvestment,
                       List<SecuringPledge> pledges, LoanStatus status, RiskClass riskClass,
                       BigDecimal disbursed, BigDecimal principalRepaid, BigDecimal interestRepaid,
                       BigDecimal writtenOff, BigDecimal outstanding, OffsetDateTime createdAt,
                       List<EventView> events, Long journalSeq) {

    public record Equity(PartyRef investor, BigDecimal amount) {
    }

    public record SecuringPledge(long id, String ledgerNumber, PledgeStatus status) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(long id, LoanEventKind kind, LocalDate occurredOn, BigDecimal principalAmount,
                            BigDecimal interestAmount, RiskClass riskClass, String note, BigDecimal outstandingAfter,
                            OffsetDateTime recordedAt) {

        static EventView of(LoanEvent e) {
            return new EventView(e.id, e.kind, e.occurredOn, e.principalAmount, e.interestAmount, e.riskClass, e.note,
                    e.outstandingAfter, e.recordedAt);
        }
    }

    public LoanView withJournalSeq(long seq) {
        return new LoanView(id, lender, borrower, principal, currency, annualRate, disbursementDate, maturityDate, purpose,
                inclusiveSmallLoan, firstTimePledgor, equityInvestment, pledges, status, riskClass, disbursed,
                principalRepaid, interestRepaid, writtenOff, outstanding, createdAt, events, seq);
    }
}
