package org.ipledger.coverage;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ipledger.common.Caller;
import org.ipledger.common.Roles;

@Path("/api/v1/banks/{id}/risk-settings")
@Tag(name = "Coverage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RiskSettingsResource {

    private final RiskSettingsService service;
    private final JsonWebToken jwt;

    public RiskSettingsResource(RiskSettingsService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({Roles.BANK, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "The bank's pledge rates by IP kind and breach threshold (its own, or the defaults)")
    public Uni<RiskSettingsView> get(@PathParam("id") long id) {
        return service.get(Caller.of(jwt), id);
    }

    @PUT
    @RolesAllowed(Roles.BANK)
    @Operation(summary = "Replace the bank's own pledge rates and breach threshold")
    public Uni<RiskSettingsView> put(@PathParam("id") long id, @Valid @NotNull RiskSettingsInput input) {
        return service.put(Caller.of(jwt), id, input);
    }
}
