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

@Path("/api/v1/policies")
@Tag(name = "Insurance", description = "Policies covering loans, claims on default, and how losses split between bank, "
        + "insurer and the government risk-compensation fund")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final PolicyService service;
    private final JsonWebToken jwt;

    public PolicyResource(PolicyService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @POST
    @ResponseStatus(201)
    @RolesAllowed(Roles.INSURER)
    @Operation(summary = "Record a policy covering a loan (the insurer, for itself)",
            description = "A loan has at most one live policy and must not be closed. insurerShare + governmentShare "
                    + "must not exceed 1; the bank bears the rest.")
    public Uni<PolicyView> record(@Valid @NotNull InsuranceInputs.NewPolicy input, @HeaderParam(Idempotency.HEADER) String key) {
        return service.record(Caller.of(jwt), input, Idempotency.checkKey(key));
    }

    @GET
    @RolesAllowed({Roles.BANK, Roles.INSURER, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "Policies, filtered; an insurer sees its own, a bank those on its loans")
    public Uni<Page<PolicyView>> search(@QueryParam("loanId") Long loanId,
                                        @QueryParam("insurerId") Long insurerId,
                                        @QueryParam("status") PolicyStatus status,
                                        @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                        @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.search(Caller.of(jwt), loanId, insurerId, status, page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BANK, Roles.INSURER, Roles.REGULATOR, Roles.ADMIN})
    public Uni<PolicyView> get(@PathParam("id") long id) {
        return service.get(Caller.of(jwt), id);
    }

    @POST
    @Path("/{id}/cancellation")
    @RolesAllowed(Roles.INSURER)
    @Operation(summary = "Cancel a policy that has no filed, assessed or paid claim (the insurer)",
            description = "The loan may then be insured again.")
    public Uni<PolicyView> cancel(@PathParam("id") long id, @Valid @NotNull InsuranceInputs.PolicyCancellation input,
                                  @HeaderParam(Idempotency.HEADER) String key) {
        return service.cancel(Caller.of(jwt), id, input, Idempotency.checkKey(key));
    }
}
