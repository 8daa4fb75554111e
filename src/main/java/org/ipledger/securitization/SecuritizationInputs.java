package org.ipledger.securitization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

public final class SecuritizationInputs {

    /** An annual rate or share as a fraction in [0, 1] with at most 6 decimals. */
    static final String RATE_PATTERN = "^(0(\\.\\d{1,6})?|1(\\.0{1,6})?)$";

    private SecuritizationInputs() {
    }

    @Schema(name = "ProductRequest")
    public record NewProduct(
            @NotBlank @Size(max = 200) @Schema(examples = "苏州知识产权证券化2026年第一期资产支持专项计划") String name,
            @NotNull @Schema(description = "A party of kind ISSUER; an issuer records only its own products") Long issuerId,
            @NotNull @Schema(description = "A party of kind TRUSTEE, not the issuer") Long trusteeId,
            @NotNull Product.LegalForm legalForm,
            @NotNull LocalDate issueDate,
            @NotNull @Schema(description = "After issueDate") LocalDate legalMaturity,
            @NotNull @Schema(description = "Period n ends on issueDate plus n months (MONTHLY) or n quarters (QUARTERLY)")
            Product.PaymentFrequency paymentFrequency,
            @NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 6)
            @Schema(type = SchemaType.STRING, pattern = RATE_PATTERN, examples = "0.001",
                    description = "Annual trustee fee as a fraction of the tranches' total opening balance (ACT/365)")
            BigDecimal trusteeFeeRate,
            @NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 6)
            @Schema(type = SchemaType.STRING, pattern = RATE_PATTERN, examples = "0.002",
                    description = "Annual servicing fee as a fraction of the tranches' total opening balance (ACT/365)")
            BigDecimal servicingFeeRate,
            @NotNull @Schema(description = "How principal collections are paid while the trigger holds")
            Waterfall.PrincipalMode principalMode,
            @NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 6)
            @Schema(type = SchemaType.STRING, pattern = RATE_PATTERN, examples = "0.05",
                    description = "Cumulative defaults (outstanding principal of pool loans at their DEFAULT) above this "
                            + "share of the original pool switch principal to SEQUENTIAL")
            BigDecimal defaultTrigger,
            @Size(max = 500) @Schema(description = "ACTIVE ledger loans, each in no other live product; this list or "
                    + "receivableIds names at least one asset")
            List<@NotNull Long> loanIds,
            @NotEmpty @Size(min = 2, max = 20) @Schema(description = "Their original principals add up to the pool's "
                    + "outstanding principal; exactly one is subordinated and it has the highest rank")
            List<@Valid @NotNull NewTranche> tranches,
            @Size(max = 500) @Schema(description = "PERFORMING licence receivables this issuer recorded, each in no other "
                    + "live product; their outstanding amounts count in the pool")
            List<@NotNull Long> receivableIds) {

        /** A pool of loans only. */
        public NewProduct(String name, Long issuerId, Long trusteeId, Product.LegalForm legalForm, LocalDate issueDate,
                          LocalDate legalMaturity, Product.PaymentFrequency paymentFrequency, BigDecimal trusteeFeeRate,
                          BigDecimal servicingFeeRate, Waterfall.PrincipalMode principalMode, BigDecimal defaultTrigger,
                          List<Long> loanIds, List<NewTranche> tranches) {
            this(name, issuerId, trusteeId, legalForm, issueDate, legalMaturity, paymentFrequency, trusteeFeeRate,
                    servicingFeeRate, principalMode, defaultTrigger, loanIds, tranches, null);
        }

        List<Long> loans() {
            return loanIds == null ? List.of() : loanIds;
        }

        List<Long> receivables() {
            return receivableIds == null ? List.of() : receivableIds;
        }
    }

    @Schema(name = "TrancheRequest")
    public record NewTranche(
            @NotBlank @Size(max = 64) @Schema(examples = "优先A级") String name,
            @NotNull @Min(1) @Max(20) @Schema(description = "1 is the most senior") Integer rank,
            @NotNull @Schema(description = "CNY, at most 2 decimals", examples = "6000000.00") BigDecimal originalPrincipal,
            @NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 6)
            @Schema(type = SchemaType.STRING, pattern = RATE_PATTERN, examples = "0.028",
                    description = "Fixed annual coupon as a fraction, ACT/365") BigDecimal couponRate,
            @Size(min = 1, max = 16) @Schema(examples = "AAA") String rating,
            @Schema(description = "The one tranche that takes the residual") boolean subordinated) {
    }

    @Schema(name = "PeriodRequest")
    public record PeriodRun(
            @NotNull @Schema(description = "The next scheduled period end (issueDate plus n months or quarters), not in "
                    + "the future; an end already recorded answers the recorded report") LocalDate periodEnd,
            @Schema(description = "Compute without recording", defaultValue = "false") Boolean dryRun) {
    }

    @Schema(name = "ReceivableRequest")
    public record NewReceivable(
            @NotNull @Schema(description = "A party of kind ISSUER; an issuer records only its own receivables, and only it "
                    + "may pool them") Long issuerId,
            @NotNull @Schema(description = "An ENTERPRISE that holds every licensed asset") Long licensorId,
            @NotNull @Schema(description = "The licensee who owes the fees: any party but the licensor") Long obligorId,
            @NotBlank @Size(max = 64) @Schema(description = "The licence contract's number, unique per licensor",
                    examples = "SZ-LIC-2026-0007") String contractNumber,
            @NotEmpty @Size(max = 20) @Schema(description = "The licensed assets, in the ledger and held by the licensor")
            List<@NotNull Long> assetIds,
            @NotEmpty @Size(max = 120) @Schema(description = "Fees due, in strictly increasing due dates")
            List<@Valid @NotNull Instalment> schedule) {
    }

    @Schema(name = "InstalmentRequest")
    public record Instalment(
            @NotNull LocalDate dueOn,
            @NotNull @Schema(description = "CNY, at most 2 decimals", examples = "250000.00") BigDecimal amount) {
    }

    @Schema(name = "ReceiptRequest")
    public record NewReceipt(
            @NotNull @Schema(description = "The day the cash was received; not in the future") LocalDate receivedOn,
            @NotNull @Schema(description = "CNY, at most 2 decimals, at most the outstanding amount", examples = "250000.00")
            BigDecimal amount,
            @NotBlank @Size(max = 64) @Schema(description = "The payment's bank reference, unique per receivable: the same "
                    + "payment entered twice is refused", examples = "BOC-20260415-000123") String reference) {
    }

    @Schema(name = "WriteOffRequest")
    public record WriteOff(
            @NotNull @Schema(description = "The day the receivable stopped performing; not in the future") LocalDate writtenOffOn,
            @NotBlank @Size(max = 500) @Schema(examples = "licensee in bankruptcy proceedings") String reason) {
    }

    @Schema(name = "ProjectionRequest")
    public record ProjectionRun(
            @NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 6)
            @Schema(type = SchemaType.STRING, pattern = RATE_PATTERN, examples = "0.02",
                    description = "Assumed share of the performing balance defaulting in a year (no recovery)")
            BigDecimal annualDefaultRate,
            @NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 6)
            @Schema(type = SchemaType.STRING, pattern = RATE_PATTERN, examples = "0.10",
                    description = "Assumed share of the surviving balance prepaid in a year")
            BigDecimal annualPrepaymentRate,
            @NotNull @Min(1) @Max(120) @Schema(description = "Payment periods to project after the last recorded one")
            Integer periods) {
    }
}
