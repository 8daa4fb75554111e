package org.ipledger.insurance;

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

@Path("/api/v1/claims")
@Tag(name = "Insurance")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClaimResource {

    private final ClaimService service;
    private final JsonWebToken jwt;

    public ClaimResource(ClaimService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @POST
    @ResponseStatus(201)
    @RolesAllowed(Roles.BANK)
    @Operation(summary = "File a claim on the live policy of the bank's DEFAULTED or WRITTEN_OFF loan",
            description = "At most one claim per loan that is not rejected.")
    public Uni<ClaimView> file(@Valid @NotNull InsuranceInputs.NewClaim input, @HeaderParam(Idempotency.HEADER) String key) {
        return service.file(Caller.of(jwt), input, Idempotency.checkKey(key));
    }

    @GET
    @RolesAllowed({Roles.BANK, Roles.INSURER, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "Claims, filtered; an insurer sees those on its policies, a bank those on its loans")
    public Uni<Page<ClaimView>> search(@QueryParam("loanId") Long loanId,
                                       @QueryParam("insurerId") Long insurerId,
                                       @QueryParam("status") ClaimStatus status,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                       @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.search(Caller.of(jwt), loanId, insurerId, status, page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BANK, Roles.INSURER, Roles.REGULATOR, Roles.ADMIN})
    public Uni<ClaimView> get(@PathParam("id") long id) {
        return service.get(Caller.of(jwt), id);
    }

    @POST
    @Path("/{id}/assessment")
    @RolesAllowed(Roles.INSURER)
    @Operation(summary = "Assess the principal loss of a FILED claim (the insurer); fixes the loss split",
            description = "insurerPart = loss x insurerShare and governmentPart = loss x governmentShare, each rounded "
                    + "half-up to the fen once; the bank bears the remainder, so the three add up to the loss.")
    public Uni<ClaimView> assess(@PathParam("id") long id, @Valid @NotNull InsuranceInputs.Assessment input,
                                 @HeaderParam(Idempotency.HEADER) String key) {
        return service.assess(Caller.of(jwt), id, input, Idempotency.checkKey(key));
    }

    @POST
    @Path("/{id}/payment")
    @RolesAllowed(Roles.INSURER)
    @Operation(summary = "Record the payment of the insurer's part of an ASSESSED claim (the insurer)")
    public Uni<ClaimView> pay(@PathParam("id") long id, @Valid @NotNull InsuranceInputs.Payment input,
                              @HeaderParam(Idempotency.HEADER) String key) {
        return service.pay(Caller.of(jwt), id, input, Idempotency.checkKey(key));
    }

    @POST
    @Path("/{id}/rejection")
    @RolesAllowed(Roles.INSURER)
    @Operation(summary = "Reject a FILED claim (the insurer); the bank may file again")
    public Uni<ClaimView> reject(@PathParam("id") long id, @Valid @NotNull InsuranceInputs.Rejection input,
                                 @HeaderParam(Idempotency.HEADER) String key) {
        return service.reject(Caller.of(jwt), id, input, Idempotency.checkKey(key));
    }
}
