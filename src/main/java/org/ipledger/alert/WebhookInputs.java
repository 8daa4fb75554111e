package org.ipledger.alert;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class WebhookInputs {

    private WebhookInputs() {
    }

    @Schema(name = "WebhookRequest")
    public record Registration(
            @NotBlank @Size(max = WebhookUrls.MAX_LENGTH)
            @Schema(description = "An absolute https URL (http only to a loopback host: localhost, 127.0.0.0/8, [::1])",
                    examples = "https://risk.bank.example/ipledger/alerts") String url,
            @Size(max = 200) String description) {
    }
}
