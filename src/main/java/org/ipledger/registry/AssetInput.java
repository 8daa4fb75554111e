package org.ipledger.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/**
 * An asset as the registrar reports it. The expiry is derived from the law for patents and
 * trademarks; only copyrights may state it.
 */
public record AssetInput(
        @NotNull AssetKind kind,
        @NotBlank @Size(max = 64) @Schema(description = "Registry number; patent numbers may carry ZL/CN, dots and spaces",
                examples = "ZL 2021 1 0100009.X") String registryNumber,
        @NotBlank @Size(max = 500) String title,
        @NotEmpty @Size(max = 20) @Schema(description = "Party ids of every holder (co-owners)") List<@NotNull Long> holderIds,
        @NotNull @PastOrPresent LocalDate filingDate,
        @PastOrPresent LocalDate grantDate,
        @Schema(description = "Copyrights only; derived for other kinds") LocalDate expiresOn,
        @Schema(description = "Defaults to VALID once granted (copyrights: always), else PENDING_GRANT") LegalStatus legalStatus,
        @Size(max = 64) @Schema(description = "Trademarks: the group of identical or similar marks pledged together") String markGroup) {
}
