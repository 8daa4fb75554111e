package org.ipledger.coverage;

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

@Path("/api/v1/loans/{id}/coverage")
@Tag(name = "Coverage", description = "Loan-to-value and coverage of a loan by its pledged IP; per-bank risk settings")
@Produces(MediaType.APPLICATION_JSON)
public class CoverageResource {

    private final CoverageService service;
    private final JsonWebToken jwt;

    public CoverageResource(CoverageService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({Roles.BANK, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "The loan's coverage now: loan-to-value, lendable value, breach, and each pledged asset's risks",
            description = "Lendable value = sum over the pledged assets of latest valuation x the lender's pledge rate for "
                    + "the asset's kind (each rounded down to the fen). The loan breaches when outstanding > lendable "
                    + "value x breach threshold. Only the lender (and regulators) may read it.")
    public Uni<CoverageView> get(@PathParam("id") long id) {
        return service.get(Caller.of(jwt), id);
    }
}
