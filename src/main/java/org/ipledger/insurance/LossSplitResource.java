package org.ipledger.insurance;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.Page;
import org.ipledger.common.Roles;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

@Path("/api/v1/loss-splits")
@Tag(name = "Insurance")
@Produces(MediaType.APPLICATION_JSON)
public class LossSplitResource {

    private final LossSplitQueries queries;
    private final JsonWebToken jwt;

    public LossSplitResource(LossSplitQueries queries, JsonWebToken jwt) {
        this.queries = queries;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({Roles.BANK, Roles.INSURER, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "How each defaulted loan's assessed loss splits between bank, insurer and government fund, "
            + "with totals per fund",
            description = "One row per loan with an ASSESSED or PAID claim, by assessment date. A bank sees its own "
                    + "loans, an insurer its own policies, regulators and admins all; the totals cover exactly the rows "
                    + "the caller may see under the filter, across all pages.")
    public Uni<LossSplitReport> report(@QueryParam("lenderId") Long lenderId,
                                       @QueryParam("insurerId") Long insurerId,
                                       @QueryParam("assessedFrom") String assessedFrom,
                                       @QueryParam("assessedTo") String assessedTo,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                       @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return queries.report(Caller.of(jwt), lenderId, insurerId, date(assessedFrom, "assessedFrom"),
                date(assessedTo, "assessedTo"), page, size);
    }

    private static LocalDate date(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "must be a date (YYYY-MM-DD)");
        }
    }
}
