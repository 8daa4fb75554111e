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

@Path("/api/v1/receivables")
@Tag(name = "Securitization")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReceivableResource {

    private final ReceivableService service;
    private final JsonWebToken jwt;

    public ReceivableResource(ReceivableService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @POST
    @ResponseStatus(201)
    @RolesAllowed(Roles.ISSUER)
    @Operation(summary = "Record a patent-licence receivable (the issuer, for itself), to pool it in a product",
            description = "The licensor is an ENTERPRISE holding every licensed asset; the schedule's amounts add up to "
                    + "the receivable's total. The licence contract number is unique per licensor.")
    public Uni<ReceivableView> create(@Valid @NotNull SecuritizationInputs.NewReceivable input,
                                      @HeaderParam(Idempotency.HEADER) String key) {
        return service.create(Caller.of(jwt), input, Idempotency.checkKey(key));
    }

    @GET
    @RolesAllowed({Roles.ISSUER, Roles.TRUSTEE, Roles.REGULATOR, Roles.LAB, Roles.ADMIN})
    @Operation(summary = "Receivables; an issuer sees those it recorded, a trustee those pooled in its products")
    public Uni<Page<ReceivableView>> search(@QueryParam("status") Receivable.Status status,
                                            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                            @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.search(Caller.of(jwt), status, page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ISSUER, Roles.TRUSTEE, Roles.REGULATOR, Roles.LAB, Roles.ADMIN})
    public Uni<ReceivableView> get(@PathParam("id") long id) {
        return service.get(Caller.of(jwt), id);
    }

    @POST
    @Path("/{id}/receipts")
    @ResponseStatus(201)
    @RolesAllowed({Roles.ISSUER, Roles.TRUSTEE})
    @Operation(summary = "Record cash received on the receivable (its issuer, or the trustee of the live product holding it)",
            description = "At most the outstanding amount; a reference already used on this receivable is 409 "
                    + "duplicate-receipt. The receipt is a principal collection of the product whose period it is dated in; "
                    + "dated in a period already run, it is collected by the next run (prior-period collection). "
                    + "A receipt on a WRITTEN_OFF receivable is a recovery.")
    public Uni<ReceivableView> receipt(@PathParam("id") long id, @Valid @NotNull SecuritizationInputs.NewReceipt input,
                                       @HeaderParam(Idempotency.HEADER) String key) {
        return service.recordReceipt(Caller.of(jwt), id, input, Idempotency.checkKey(key));
    }

    @POST
    @Path("/{id}/write-off")
    @RolesAllowed({Roles.ISSUER, Roles.TRUSTEE})
    @Operation(summary = "Write off a PERFORMING receivable (its issuer, or the trustee of the live product holding it)",
            description = "From writtenOffOn it no longer counts in the pool's performing balance; its outstanding amount "
                    + "counts in cumulative defaults. The next period writes the loss the collections cannot cover off the "
                    + "tranches, most junior first.")
    public Uni<ReceivableView> writeOff(@PathParam("id") long id, @Valid @NotNull SecuritizationInputs.WriteOff input,
                                        @HeaderParam(Idempotency.HEADER) String key) {
        return service.writeOff(Caller.of(jwt), id, input, Idempotency.checkKey(key));
    }
}
