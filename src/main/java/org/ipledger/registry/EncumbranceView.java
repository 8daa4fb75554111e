package org.ipledger.registry;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.LocalDate;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record EncumbranceView(EncumbranceKind kind, LocalDate since, String reference) {

    public static EncumbranceView of(Encumbrance e) {
        return new EncumbranceView(e.kind, e.startedOn, e.reference);
    }
}
