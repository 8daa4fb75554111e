package org.ipledger.insurance;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

public final class InsuranceInputs {

    /** A share of the principal loss: a fraction in [0, 1] with at most 6 decimals. */
    static final String SHARE_PATTERN = "^(0(\\.\\d{1,6})?|1(\\.0{1,6})?)$";

    private InsuranceInputs() {
    }

    @Schema(name = "PolicyRequest")
    public record NewPolicy(
            @NotBlank @Size(max = 64) @Schema(description = "The insurer's policy number, unique in the ledger",
                    examples = "PICC-SZ-2026-IPL-0001") String policyNumber,
            @NotNull @Schema(description = "The insurer; an insurer records only its own policies") Long insurerId,
            @NotNull @Schema(description = "The loan covered; it must not be closed and must have no other live policy")
            Long loanId,
            @NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 6)
            @Schema(type = SchemaType.STRING, pattern = SHARE_PATTERN, examples = "0.6",
                    description = "Share of the principal loss the insurer bears, as a fraction: 0.6 is 60 %")
            BigDecimal insurerShare,
            @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 6)
            @Schema(type = SchemaType.STRING, pattern = SHARE_PATTERN, examples = "0.2", defaultValue = "0",
                    description = "Share the government risk-compensation fund bears (0.2 in the 6:2:2 scheme, up to 0.8 "
                            + "for a provincial fund); insurerShare + governmentShare must not exceed 1, the bank bears the rest")
            BigDecimal governmentShare,
            @NotNull @Schema(description = "CNY, at least 0, at most 2 decimals", examples = "15000.00") BigDecimal premium,
            @NotNull LocalDate startsOn,
            @NotNull @Schema(description = "After startsOn") LocalDate endsOn) {
    }

    @Schema(name = "PolicyCancellationRequest")
    public record PolicyCancellation(@NotNull @PastOrPresent LocalDate cancelledOn, @NotBlank @Size(max = 2000) String reason) {
    }

    @Schema(name = "ClaimRequest")
    public record NewClaim(
            @NotNull @Schema(description = "The bank's DEFAULTED or WRITTEN_OFF loan; the claim is on its live policy")
            Long loanId,
            @NotNull @Schema(description = "CNY, at most the loan's outstanding principal at default", examples = "1000000.01")
            BigDecimal amountClaimed,
            @NotNull @PastOrPresent @Schema(description = "Not before the loan's default") LocalDate filedOn,
            @Size(max = 2000) String note) {
    }

    @Schema(name = "ClaimAssessmentRequest")
    public record Assessment(
            @NotNull @Schema(description = "The principal loss, CNY exact to the fen, at most the outstanding principal at "
                    + "default", examples = "1000000.01") BigDecimal assessedLoss,
            @NotNull @PastOrPresent @Schema(description = "Not before the filing date") LocalDate assessedOn) {
    }

    @Schema(name = "ClaimPaymentRequest")
    public record Payment(
            @NotNull @PastOrPresent @Schema(description = "Not before the assessment") LocalDate paidOn,
            @Schema(description = "Optional confirmation: must equal the insurer's part of the split") BigDecimal amount) {
    }

    @Schema(name = "ClaimRejectionRequest")
    public record Rejection(@NotNull @PastOrPresent LocalDate rejectedOn, @NotBlank @Size(max = 2000) String reason) {
    }
}
