package org.ipledger.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

public record ValuationInput(
        @NotBlank @Size(max = 200) String appraiser,
        @NotNull @Schema(description = "CNY, at most 2 decimals", examples = "12500000.00") BigDecimal amount,
        @NotNull @PastOrPresent LocalDate valuedOn,
        @NotNull ValuationMethod method) {
}
