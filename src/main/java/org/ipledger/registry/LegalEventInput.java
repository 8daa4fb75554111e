package org.ipledger.registry;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

public record LegalEventInput(
        @NotNull LegalEventKind kind,
        @NotNull @PastOrPresent LocalDate occurredOn,
        @Size(max = 200) String reference,
        @Size(max = 2000) String note) {
}
