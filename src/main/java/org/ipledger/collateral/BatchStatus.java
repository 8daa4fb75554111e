package org.ipledger.collateral;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The batch form: up to {@link #MAX_ASSETS} assets, answered in request order by one query. */
public final class BatchStatus {

    public static final int MAX_ASSETS = 500;

    private BatchStatus() {
    }

    public record Request(@NotEmpty @Size(max = MAX_ASSETS) List<@NotNull @Valid CollateralQuery> assets) {
    }

    /** Exactly one of status or error is present. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(int index, CollateralQuery query, CollateralStatus status, String error) {
    }

    /** {@code journalSeq}: the latest journal entry any of the answers reflects. */
    public record Response(List<Item> results, Long journalSeq) {
    }
}
