package org.ipledger.loan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

public final class LoanInputs {

    public static final int MAX_PLEDGES = 20;

    private LoanInputs() {
    }

    @Schema(name = "LoanRequest")
    public record Creation(
            @NotNull @Schema(description = "The lending bank; a bank records only its own loans") Long lenderId,
            @NotNull Long borrowerId,
            @NotNull @Schema(description = "CNY, at most 2 decimals", examples = "10000000.00") BigDecimal principal,
            @NotNull @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) @Digits(integer = 1, fraction = 6)
            @Schema(description = "Annual rate as a fraction: 0.0385 is 3.85 %", examples = "0.0385") BigDecimal annualRate,
            @NotNull LocalDate disbursementDate,
            @NotNull LocalDate maturityDate,
            @NotBlank @Size(max = 500) String purpose,
            @NotEmpty @Size(max = MAX_PLEDGES) @Schema(description = "Pledges to the lender that secure the loan")
            List<@NotNull Long> pledgeIds,
            @Valid @Schema(description = "Investment-loan linkage: an equity investment alongside the loan")
            EquityInvestment equityInvestment) {
    }

    public record EquityInvestment(@NotNull Long investorId, @NotNull BigDecimal amount) {
    }

    @Schema(name = "LoanEventRequest", description = "Amounts depend on the kind: DISBURSEMENT and WRITE_OFF take "
            + "principalAmount (WRITE_OFF defaults to the outstanding principal); REPAYMENT takes principalAmount and/or "
            + "interestAmount; FULL_REPAYMENT pays the outstanding principal (give it to confirm) plus optional "
            + "interest; RISK_CLASSIFICATION takes riskClass; DEFAULT takes none.")
    public record Event(
            @NotNull LoanEventKind kind,
            @NotNull @PastOrPresent LocalDate occurredOn,
            BigDecimal principalAmount,
            BigDecimal interestAmount,
            RiskClass riskClass,
            @Size(max = 2000) String note) {
    }
}
