package org.ipledger.securitization;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ipledger.common.Caller;
import org.ipledger.common.Roles;

@Path("/api/v1/loans/{id}/securitization")
@Tag(name = "Securitization")
@Produces(MediaType.APPLICATION_JSON)
public class LoanSecuritizationResource {

    private final ProductService service;
    private final JsonWebToken jwt;

    public LoanSecuritizationResource(ProductService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({Roles.BANK, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "Whether the loan sits in a live securitization product (the lending bank)")
    public Uni<ProductService.LoanSecuritization> get(@PathParam("id") long id) {
        return service.ofLoan(Caller.of(jwt), id);
    }
}
