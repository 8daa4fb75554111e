package org.ipledger.alert;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
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

@Path("/api/v1/alerts")
@Tag(name = "Alerts", description = "Alerts to the lending bank when its collateral is at risk; pushed to its webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final AlertService service;
    private final JsonWebToken jwt;

    public AlertResource(AlertService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({Roles.BANK, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "Alerts, newest first; a bank sees only its own")
    public Uni<Page<AlertView>> search(@QueryParam("bankId") Long bankId,
                                       @QueryParam("loanId") Long loanId,
                                       @QueryParam("kind") AlertKind kind,
                                       @QueryParam("acknowledged") String acknowledged,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                       @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.search(Caller.of(jwt), bankId, loanId, kind, flag(acknowledged, "acknowledged"), page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BANK, Roles.REGULATOR, Roles.ADMIN})
    public Uni<AlertView> get(@PathParam("id") long id) {
        return service.get(Caller.of(jwt), id);
    }

    @POST
    @Path("/{id}/acknowledgement")
    @RolesAllowed(Roles.BANK)
    @Operation(summary = "The bank acknowledges its alert (once), optionally with a note")
    public Uni<AlertView> acknowledge(@PathParam("id") long id, @Valid AlertInputs.Acknowledgement input,
                                      @HeaderParam(Idempotency.HEADER) String key) {
        return service.acknowledge(Caller.of(jwt), id, input, Idempotency.checkKey(key));
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
