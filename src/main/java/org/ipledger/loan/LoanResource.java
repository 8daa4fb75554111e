package org.ipledger.loan;

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
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.Idempotency;
import org.ipledger.common.Page;
import org.ipledger.common.Roles;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

@Path("/api/v1/loans")
@Tag(name = "Loans", description = "IP-backed loans: recorded by the lending bank, moved by dated events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LoanResource {

    private final LoanService service;
    private final JsonWebToken jwt;

    public LoanResource(LoanService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @POST
    @ResponseStatus(201)
    @RolesAllowed(Roles.BANK)
    @Operation(summary = "Record a loan secured by the bank's pledges")
    public Uni<LoanView> record(@Valid @NotNull LoanInputs.Creation input, @HeaderParam(Idempotency.HEADER) String key) {
        return service.record(Caller.of(jwt), input, Idempotency.checkKey(key));
    }

    @GET
    @RolesAllowed({Roles.BANK, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "Loans, filtered; a bank sees only its own")
    public Uni<Page<LoanView>> search(@QueryParam("lenderId") Long lenderId,
                                      @QueryParam("borrowerId") Long borrowerId,
                                      @QueryParam("status") LoanStatus status,
                                      @QueryParam("disbursedFrom") String disbursedFrom,
                                      @QueryParam("disbursedTo") String disbursedTo,
                                      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                      @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.search(Caller.of(jwt), lenderId, borrowerId, status, date(disbursedFrom, "disbursedFrom"),
                date(disbursedTo, "disbursedTo"), page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BANK, Roles.REGULATOR, Roles.ADMIN})
    public Uni<LoanView> get(@PathParam("id") long id) {
        return service.get(Caller.of(jwt), id);
    }

    @POST
    @Path("/{id}/events")
    @RolesAllowed(Roles.BANK)
    @Operation(summary = "Record a dated event: disbursement, repayment, risk classification, default, write-off, full repayment",
            description = "Full repayment (or a repayment of the last principal) closes the loan and releases its pledges "
                    + "in the same transaction.")
    public Uni<LoanView> recordEvent(@PathParam("id") long id, @Valid @NotNull LoanInputs.Event input,
                                     @HeaderParam(Idempotency.HEADER) String key) {
        return service.recordEvent(Caller.of(jwt), id, input, Idempotency.checkKey(key));
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
