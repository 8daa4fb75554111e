package org.ipledger.securitization;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/** A projection: when each tranche is repaid under the assumed rates (repaidOn null: not within the horizon). */
public record ProjectionView(long productId,
                             @Schema(type = SchemaType.STRING, examples = "0.02") BigDecimal annualDefaultRate,
                             @Schema(type = SchemaType.STRING, examples = "0.1") BigDecimal annualPrepaymentRate,
                             @Schema(description = "Outstanding principal of the pool's ACTIVE loans as the projection starts")
                             BigDecimal performingPool,
                             List<Projection.TrancheOutcome> tranches, List<Projection.PeriodLine> periods) {
}
