package org.ipledger.coverage;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The contract's name for a rate or ratio: a decimal string with at most 4 decimals ("0.2500" is 25 %),
 * unlike money, which has 2. Used only in schema annotations.
 */
@Schema(name = "Rate", type = SchemaType.STRING, pattern = CoverageRule.RATIO_PATTERN, examples = "0.2500",
        description = "A rate or ratio as an exact decimal string, at most 4 decimals (0.2500 is 25 %)")
public final class Rate {

    private Rate() {
    }
}
