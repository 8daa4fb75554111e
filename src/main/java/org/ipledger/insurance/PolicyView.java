package org.ipledger.insurance;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.loan.Loan;
import org.ipledger.loan.LoanStatus;
import org.ipledger.party.PartyRef;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyView(long id, String policyNumber, PartyRef insurer, CoveredLoan loan,
                         @Schema(type = SchemaType.STRING, pattern = InsuranceInputs.SHARE_PATTERN, examples = "0.6")
                         BigDecimal insurerShare,
                         @Schema(type = SchemaType.STRING, pattern = InsuranceInputs.SHARE_PATTERN, examples = "0.2")
                         BigDecimal governmentShare,
                         @Schema(type = SchemaType.STRING, pattern = InsuranceInputs.SHARE_PATTERN, examples = "0.2",
                                 description = "What the bank bears: 1 - insurerShare - governmentShare")
                         BigDecimal bankShare,
                         BigDecimal premium, LocalDate startsOn, LocalDate endsOn, PolicyStatus status,
                         LocalDate cancelledOn, String cancellationReason, OffsetDateTime recordedAt,
                         Long journalSeq) {

    /** The loan as an insurance record names it: its parties, principal and status, not its balances. */
    public record CoveredLoan(long id, PartyRef lender, PartyRef borrower, BigDecimal principal, LoanStatus status) {

        static CoveredLoan of(Loan l) {
            return new CoveredLoan(l.id, PartyRef.of(l.lender), PartyRef.of(l.borrower), l.principal, l.status);
        }
    }

    static PolicyView of(Policy p) {
        return new PolicyView(p.id, p.policyNumber, PartyRef.of(p.insurer), CoveredLoan.of(p.loan), share(p.insurerShare),
                share(p.governmentShare), share(BigDecimal.ONE.subtract(p.insurerShare).subtract(p.governmentShare)),
                p.premium, p.startsOn, p.endsOn, p.status, p.cancelledOn, p.cancellationReason, p.recordedAt, null);
    }

    /** 0.600000 as stored reads 0.6. */
    static BigDecimal share(BigDecimal share) {
        BigDecimal s = share.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    public PolicyView withJournalSeq(long seq) {
        return new PolicyView(id, policyNumber, insurer, loan, insurerShare, governmentShare, bankShare, premium, startsOn,
                endsOn, status, cancelledOn, cancellationReason, recordedAt, seq);
    }
}
