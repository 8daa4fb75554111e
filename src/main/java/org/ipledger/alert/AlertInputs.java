package org.ipledger.alert;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class AlertInputs {

    private AlertInputs() {
    }

    @Schema(name = "AlertAcknowledgementRequest", description = "The body is optional")
    public record Acknowledgement(@Size(max = 2000) @Schema(description = "What the bank did about it") String note) {
    }
}
