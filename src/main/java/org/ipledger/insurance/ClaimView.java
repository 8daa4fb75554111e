package org.ipledger.insurance;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.ipledger.party.PartyRef;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimView(long id, ClaimStatus status, PolicyRef policy, PartyRef insurer, PolicyView.CoveredLoan loan,
                        BigDecimal amountClaimed, LocalDate filedOn, LocalDate defaultedOn,
                        @Schema(description = "The loan's outstanding principal right after its default")
                        BigDecimal outstandingAtDefault,
                        @Schema(type = SchemaType.STRING, pattern = InsuranceInputs.SHARE_PATTERN, examples = "0.6")
                        BigDecimal insurerShare,
                        @Schema(type = SchemaType.STRING, pattern = InsuranceInputs.SHARE_PATTERN, examples = "0.2")
                        BigDecimal governmentShare,
                        @Schema(description = "How the assessed loss splits; present once assessed") LossSplit split,
                        LocalDate assessedOn, LocalDate paidOn,
                        @Schema(description = "What the insurer paid: its part of the split") BigDecimal paidAmount,
                        LocalDate rejectedOn, String rejectionReason, String note, OffsetDateTime filedAt,
                        Long journalSeq) {

    public record PolicyRef(long id, String policyNumber) {
    }

    static ClaimView of(Claim c) {
        LossSplit split = c.assessedLoss == null ? null
                : new LossSplit(c.assessedLoss, c.bankPart, c.insurerPart, c.governmentPart);
        return new ClaimView(c.id, c.status, new PolicyRef(c.policy.id, c.policy.policyNumber), PartyRef.of(c.policy.insurer),
                PolicyView.CoveredLoan.of(c.loan), c.amountClaimed, c.filedOn, c.defaultedOn, c.outstandingAtDefault,
                PolicyView.share(c.insurerShare), PolicyView.share(c.governmentShare), split, c.assessedOn, c.paidOn,
                c.status == ClaimStatus.PAID ? c.insurerPart : null, c.rejectedOn, c.rejectionReason, c.note, c.filedAt, null);
    }

    public ClaimView withJournalSeq(long seq) {
        return new ClaimView(id, status, policy, insurer, loan, amountClaimed, filedOn, defaultedOn, outstandingAtDefault,
                insurerShare, governmentShare, split, assessedOn, paidOn, paidAmount, rejectedOn, rejectionReason, note,
                filedAt, seq);
    }
}
