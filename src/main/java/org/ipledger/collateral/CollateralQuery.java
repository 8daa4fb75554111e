package org.ipledger.collateral;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.ipledger.registry.AssetKind;

/** One asset asked about: by id, or by kind and registry number (written in any accepted form). */
public record CollateralQuery(@Positive Long assetId, AssetKind kind, @Size(max = 64) String number) {
}
