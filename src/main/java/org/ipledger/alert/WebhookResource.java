package org.ipledger.alert;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ipledger.common.BadParameterException;
import org.ipledger.common.Caller;
import org.ipledger.common.Idempotency;
import org.ipledger.common.Page;
import org.ipledger.common.Roles;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "A bank's endpoints for alerts: signed POSTs (Ipledger-Signature: t=<unix seconds>,"
        + "v1=<hex HMAC-SHA256 of \"<t>.<body>\" keyed with the secret>), retried with exponential backoff")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final WebhookService service;
    private final JsonWebToken jwt;

    public WebhookResource(WebhookService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @POST
    @ResponseStatus(201)
    @RolesAllowed(Roles.BANK)
    @Operation(summary = "Register a webhook for the bank's alerts; the answer carries the signing secret, once")
    public Uni<WebhookView> register(@Valid @NotNull WebhookInputs.Registration input,
                                     @HeaderParam(Idempotency.HEADER) String key) {
        return service.register(Caller.of(jwt), input, Idempotency.checkKey(key));
    }

    @GET
    @RolesAllowed({Roles.BANK, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "Webhooks; a bank sees only its own")
    public Uni<Page<WebhookView>> search(@QueryParam("bankId") Long bankId,
                                         @QueryParam("active") String active,
                                         @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                         @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.search(Caller.of(jwt), bankId, flag(active, "active"), page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BANK, Roles.REGULATOR, Roles.ADMIN})
    public Uni<WebhookView> get(@PathParam("id") long id) {
        return service.get(Caller.of(jwt), id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.BANK)
    @Operation(summary = "Deactivate the webhook: nothing more is sent to it and its pending deliveries are cancelled",
            description = "The webhook and its delivery history are kept, inactive. Deactivating it again changes nothing.")
    public Uni<WebhookView> deactivate(@PathParam("id") long id) {
        return service.deactivate(Caller.of(jwt), id);
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({Roles.BANK, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "Deliveries to the webhook, newest first, each with every attempt (status code or error)")
    public Uni<Page<DeliveryView>> deliveries(@PathParam("id") long id,
                                              @QueryParam("status") WebhookDelivery.Status status,
                                              @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                              @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.deliveries(Caller.of(jwt), id, status, page, size);
    }

    /** true or false, refused as 400 otherwise (JAX-RS would read any other word as false). */
    private static Boolean flag(String value, String parameter) {
        if (value == null) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new BadParameterException(parameter, "must be true or false");
        };
    }
}
