package org.ipledger.registry;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.ipledger.common.FieldError;

import java.util.List;

/** The registrar's bulk import: each row is taken whole or rejected whole, with its reasons. */
public final class AssetImport {

    public static final int MAX_ROWS = 5000;

    private AssetImport() {
    }

    public record Request(@NotEmpty @Size(max = MAX_ROWS) List<@NotNull AssetInput> rows) {
    }

    public record Accepted(int row, long id, String registryNumber) {
    }

    public record Rejected(int row, String registryNumber, List<FieldError> errors) {
    }

    /** {@code journalSeq}: the last journal entry of this import (absent when nothing was accepted). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Report(int received, int accepted, List<Accepted> assets, List<Rejected> rejected, Long journalSeq) {
    }
}
