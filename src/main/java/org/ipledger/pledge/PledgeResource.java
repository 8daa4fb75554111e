package org.ipledger.pledge;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import org.ipledger.common.Caller;
import org.ipledger.common.Idempotency;
import org.ipledger.common.Page;
import org.ipledger.common.Roles;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/api/v1/pledges")
@Tag(name = "Pledges", description = "Register pledges of IP to banks, and their registration, refusal, release, enforcement and amendments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PledgeResource {

    private final PledgeService service;
    private final JsonWebToken jwt;

    public PledgeResource(PledgeService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @POST
    @ResponseStatus(201)
    @RolesAllowed(Roles.BANK)
    @Operation(summary = "File a pledge (PENDING until the office registers it)",
            description = "All or nothing: 409 when an asset already has a live pledge (naming it and its pledgee), "
                    + "422 with every reason when an asset may not be pledged.")
    public Uni<PledgeView> file(@Valid @NotNull PledgeInputs.Filing input, @HeaderParam(Idempotency.HEADER) String key) {
        return service.file(Caller.of(jwt), input, Idempotency.checkKey(key));
    }

    @GET
    @RolesAllowed({Roles.BANK, Roles.REGISTRAR, Roles.REGULATOR, Roles.ADMIN})
    public Uni<Page<PledgeView>> search(@QueryParam("pledgeeId") Long pledgeeId,
                                        @QueryParam("pledgorId") Long pledgorId,
                                        @QueryParam("assetId") Long assetId,
                                        @QueryParam("status") PledgeStatus status,
                                        @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                        @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.search(Caller.of(jwt), pledgeeId, pledgorId, assetId, status, page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BANK, Roles.REGISTRAR, Roles.REGULATOR, Roles.ADMIN})
    public Uni<PledgeView> get(@PathParam("id") long id) {
        return service.get(Caller.of(jwt), id);
    }

    @POST
    @Path("/{id}/registration")
    @RolesAllowed(Roles.REGISTRAR)
    @Operation(summary = "The office registered the pledge: PENDING becomes ACTIVE")
    public Uni<PledgeView> register(@PathParam("id") long id, @Valid @NotNull PledgeInputs.Registration input,
                                    @HeaderParam(Idempotency.HEADER) String key) {
        return service.register(Caller.of(jwt), id, input, Idempotency.checkKey(key));
    }

    @POST
    @Path("/{id}/refusal")
    @RolesAllowed(Roles.REGISTRAR)
    @Operation(summary = "The office refused the pledge: PENDING becomes VOID and the assets are free again")
    public Uni<PledgeView> refuse(@PathParam("id") long id, @Valid @NotNull PledgeInputs.Refusal input,
                                  @HeaderParam(Idempotency.HEADER) String key) {
        return service.refuse(Caller.of(jwt), id, input, Idempotency.checkKey(key));
    }

    @POST
    @Path("/{id}/release")
    @RolesAllowed({Roles.BANK, Roles.REGISTRAR})
    @Operation(summary = "The secured debt is repaid: ACTIVE becomes RELEASED")
    public Uni<PledgeView> release(@PathParam("id") long id, @Valid @NotNull PledgeInputs.Release input,
                                   @HeaderParam(Idempotency.HEADER) String key) {
        return service.release(Caller.of(jwt), id, input, Idempotency.checkKey(key));
    }

    @POST
    @Path("/{id}/enforcement")
    @RolesAllowed(Roles.BANK)
    @Operation(summary = "The pledgee realised the collateral: ACTIVE becomes ENFORCED")
    public Uni<PledgeView> enforce(@PathParam("id") long id, @Valid @NotNull PledgeInputs.Enforcement input,
                                   @HeaderParam(Idempotency.HEADER) String key) {
        return service.enforce(Caller.of(jwt), id, input, Idempotency.checkKey(key));
    }

    @POST
    @Path("/{id}/amendments")
    @RolesAllowed(Roles.BANK)
    @Operation(summary = "Amend the secured amount or the term's end, as a dated event")
    public Uni<PledgeView> amend(@PathParam("id") long id, @Valid @NotNull PledgeInputs.Amendment input,
                                 @HeaderParam(Idempotency.HEADER) String key) {
        return service.amend(Caller.of(jwt), id, input, Idempotency.checkKey(key));
    }
}
