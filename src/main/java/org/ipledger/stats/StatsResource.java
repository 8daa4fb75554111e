package org.ipledger.stats;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.Roles;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** Statistics for the innovation lab and regulators. Banks, insurers and the registrar get 403. */
@Path("/api/v1")
@Tag(name = "Statistics", description = "Volumes and regulator aggregates from summary tables kept in the same transaction as every change")
public class StatsResource {

    private final StatsService service;
    private final JsonWebToken jwt;

    public StatsResource(StatsService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @GET
    @Path("/stats/volumes")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LAB, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "Pledge financing volumes per period, optionally per group, with the change against a year earlier",
            description = "At most 10 years of whole periods. Also insurance cover (share of principal issued with a live policy) "
                    + "and, without groupBy, securitization issued. For the lab, cells from fewer than 3 enterprises are suppressed, "
                    + "and further cells so that none can be derived by subtraction from any month, quarter, year or breakdown "
                    + "the lab may ask for; regulators see everything.")
    public Uni<VolumesView> volumes(@QueryParam("from") @Parameter(required = true, example = "2024-01") String from,
                                    @QueryParam("to") @Parameter(required = true, example = "2024-12") String to,
                                    @QueryParam("period") @DefaultValue("MONTH") StatsPeriod period,
                                    @QueryParam("groupBy") StatsBreakdown groupBy) {
        return service.volumes(Caller.of(jwt), month(from, "from"), month(to, "to"), period, groupBy);
    }

    @GET
    @Path("/regulator/aggregates")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LAB, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "Aggregates for whole months: registration basis and lending basis, totals and breakdowns that add up",
            description = "With insurance cover and securitization issued in the range. For the lab, a figure over the range is shown "
                    + "only where every whole year, quarter and month it is made of is shown in the volumes.")
    public Uni<AggregatesView> aggregates(@QueryParam("from") @Parameter(required = true, example = "2024-01-01") String from,
                                          @QueryParam("to") @Parameter(required = true, example = "2024-12-31") String to) {
        return service.aggregates(Caller.of(jwt), date(from, "from"), date(to, "to"));
    }

    @GET
    @Path("/regulator/aggregates")
    @Produces("text/csv")
    @RolesAllowed({Roles.LAB, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "The same aggregates as CSV: basis,breakdown,group,measure,value,suppressed,groupName",
            description = "Headers Read-Source (PRIMARY or REPLICA), Read-As-Of and Read-Lag-Millis say where the figures"
                    + " were read and how current they are, as readFrom does in the JSON answer.")
    public Uni<Response> aggregatesCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate f = date(from, "from");
        LocalDate t = date(to, "to");
        return service.aggregates(Caller.of(jwt), f, t).map(a -> Response.ok(AggregatesCsv.write(a), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"ipledger-aggregates-" + f + "-" + t + ".csv\"")
                // The CSV has no room for it: where and how current, as in readFrom of the JSON answer.
                .header("Read-Source", a.readFrom().source())
                .header("Read-As-Of", a.readFrom().asOf())
                .header("Read-Lag-Millis", a.readFrom().lagMillis())
                .build());
    }

    private static YearMonth month(String value, String field) {
        if (value == null) {
            throw ApiProblem.invalidField(field, "is required (YYYY-MM)");
        }
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "must be a month (YYYY-MM)");
        }
    }

    private static LocalDate date(String value, String field) {
        if (value == null) {
            throw ApiProblem.invalidField(field, "is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "must be a date (YYYY-MM-DD)");
        }
    }
}
