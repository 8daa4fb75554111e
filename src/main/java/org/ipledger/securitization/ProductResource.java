package org.ipledger.securitization;

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
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/products")
@Tag(name = "Securitization", description = "Products issued on pools of ledger loans and patent-licence receivables, "
        + "their tranches, and each payment period's waterfall")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {

    private final ProductService service;
    private final JsonWebToken jwt;

    public ProductResource(ProductService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @POST
    @ResponseStatus(201)
    @RolesAllowed(Roles.ISSUER)
    @Operation(summary = "Record a product on a pool of ACTIVE loans and/or PERFORMING licence receivables (the issuer, "
            + "for itself)",
            description = "Each loan or receivable sits in at most one live product (409 loan-already-securitized or "
                    + "receivable-already-securitized names it and the product). The tranches' original principals add up "
                    + "to the pool's outstanding amount; exactly one tranche, the lowest ranked, is subordinated and takes "
                    + "the residual.")
    public Uni<ProductView> create(@Valid @NotNull SecuritizationInputs.NewProduct input,
                                   @HeaderParam(Idempotency.HEADER) String key) {
        return service.create(Caller.of(jwt), input, Idempotency.checkKey(key));
    }

    @GET
    @RolesAllowed({Roles.ISSUER, Roles.TRUSTEE, Roles.REGULATOR, Roles.LAB, Roles.ADMIN})
    @Operation(summary = "Products; an issuer or trustee sees its own")
    public Uni<Page<ProductView>> search(@QueryParam("status") Product.Status status,
                                         @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                         @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.search(Caller.of(jwt), status, page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ISSUER, Roles.TRUSTEE, Roles.REGULATOR, Roles.LAB, Roles.ADMIN})
    public Uni<ProductView> get(@PathParam("id") long id) {
        return service.get(Caller.of(jwt), id);
    }

    @POST
    @Path("/{id}/periods")
    @RolesAllowed({Roles.ISSUER, Roles.TRUSTEE})
    @Operation(summary = "Run the next payment period through the waterfall and record it (the issuer or trustee)",
            description = "Collections are the interest and principal of REPAYMENT and FULL_REPAYMENT events of the pool's "
                    + "loans and the receipts on its receivables dated after the period start and up to the period end, "
                    + "plus those dated in an earlier period but recorded after it was run (priorPeriodCollections). "
                    + "Losses: the tranches' excess over the pool's performing balance is paid from cash left after "
                    + "interest, the rest written down most junior first. 201 when recorded; 200 for a dry run "
                    + "(nothing stored) or for a period end already recorded (the recorded report, replayed: nothing is "
                    + "paid twice). Any other end than the next scheduled one is 409 period-not-next.")
    public Uni<RestResponse<PeriodReport>> runPeriod(@PathParam("id") long id,
                                                     @Valid @NotNull SecuritizationInputs.PeriodRun input,
                                                     @HeaderParam(Idempotency.HEADER) String key) {
        return service.runPeriod(Caller.of(jwt), id, input, Idempotency.checkKey(key))
                .map(r -> RestResponse.status(r.dryRun() || r.replayed() ? RestResponse.Status.OK
                        : RestResponse.Status.CREATED, r));
    }

    @GET
    @Path("/{id}/periods")
    @RolesAllowed({Roles.ISSUER, Roles.TRUSTEE, Roles.REGULATOR, Roles.LAB, Roles.ADMIN})
    @Operation(summary = "The product's recorded periods, in order (summaries; each report at /periods/{periodNumber})")
    public Uni<Page<PeriodSummary>> periods(@PathParam("id") long id,
                                            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.periods(Caller.of(jwt), id, page, size);
    }

    @GET
    @Path("/{id}/periods/{periodNumber}")
    @RolesAllowed({Roles.ISSUER, Roles.TRUSTEE, Roles.REGULATOR, Roles.LAB, Roles.ADMIN})
    @Operation(summary = "One recorded period's trustee report, as recorded (never rewritten)")
    public Uni<PeriodReport> period(@PathParam("id") long id, @PathParam("periodNumber") @Min(1) @Max(10_000) int number) {
        return service.period(Caller.of(jwt), id, number);
    }

    @POST
    @Path("/{id}/projection")
    @RolesAllowed({Roles.ISSUER, Roles.TRUSTEE})
    @Operation(summary = "Project the waterfall forward under assumed default and prepayment rates (nothing is recorded)",
            description = "Starts after the last recorded period from the tranches' balances and the pool's ACTIVE loans; "
                    + "shows for each tranche the period in which it is repaid.")
    public Uni<ProjectionView> project(@PathParam("id") long id, @Valid @NotNull SecuritizationInputs.ProjectionRun input) {
        return service.project(Caller.of(jwt), id, input);
    }
}
