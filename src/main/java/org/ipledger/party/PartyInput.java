package org.ipledger.party;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A party to register. District and industry are required for enterprises only. */
public record PartyInput(
        @NotNull PartyKind kind,
        @NotBlank @Size(max = 200) @Schema(examples = "苏州纳米新材料有限公司") String name,
        @NotBlank @Schema(description = "Unified social credit code (GB 32100-2015), 18 characters",
                examples = "91320594MA1MXXXX00") String creditCode,
        District district,
        Industry industry) {
}
