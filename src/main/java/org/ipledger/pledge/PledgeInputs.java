package org.ipledger.pledge;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of the pledge endpoints: one typed record per transition. */
public final class PledgeInputs {

    public static final int MAX_ASSETS = 100;
    public static final int MAX_PLEDGORS = 20;

    private PledgeInputs() {
    }

    @Schema(name = "PledgeRequest")
    public record Filing(
            @NotEmpty @Size(max = MAX_PLEDGORS) @Schema(description = "Every holder of every pledged asset")
            List<@NotNull Long> pledgorIds,
            @NotNull @Schema(description = "The bank; a bank may file only as pledgee for itself") Long pledgeeId,
            @NotEmpty @Size(max = MAX_ASSETS) @Schema(description = "One or more assets; a mixed pledge may combine kinds")
            List<@NotNull Long> assetIds,
            @NotNull @Schema(description = "CNY, at most 2 decimals", examples = "5000000.00") BigDecimal securedAmount,
            @NotNull LocalDate termStartsOn,
            @NotNull LocalDate termEndsOn,
            @Schema(description = "Pledge assets under invalidation proceedings knowingly; recorded on the pledge")
            boolean acknowledgeInvalidationRisk) {
    }

    public record Registration(
            @NotBlank @Size(max = 64) @Schema(description = "The IP office's pledge registration number",
                    examples = "Y2026980001234") String officeNumber,
            @NotNull @PastOrPresent LocalDate registeredOn) {
    }

    public record Refusal(@NotNull @PastOrPresent LocalDate refusedOn, @NotBlank @Size(max = 2000) String reason) {
    }

    public record Release(@NotNull @PastOrPresent LocalDate releasedOn, @Size(max = 2000) String reason) {
    }

    public record Enforcement(@NotNull @PastOrPresent LocalDate enforcedOn, @Size(max = 2000) String reason) {
    }

    @Schema(description = "Changes the secured amount, the term's end, or both, from a date")
    public record Amendment(@NotNull @PastOrPresent LocalDate effectiveOn, BigDecimal securedAmount,
                            LocalDate termEndsOn, @NotBlank @Size(max = 2000) String reason) {
    }
}
