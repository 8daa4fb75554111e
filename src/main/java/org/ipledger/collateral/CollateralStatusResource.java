package org.ipledger.collateral;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ipledger.common.ApiProblem;
import org.ipledger.common.Caller;
import org.ipledger.common.Roles;
import org.ipledger.registry.AssetKind;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api/v1/collateral-status")
@Tag(name = "Collateral status", description = "Is this asset valid, free to pledge, or pledged and to whom")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CollateralStatusResource {

    private final CollateralStatusService service;
    private final JsonWebToken jwt;

    public CollateralStatusResource(CollateralStatusService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @GET
    @RolesAllowed({Roles.BANK, Roles.REGISTRAR, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "One asset, by assetId or by kind and number",
            description = "With asOf (an ISO-8601 instant), the answer the ledger would have given then, rebuilt from the journal")
    public Uni<CollateralStatus> status(@QueryParam("assetId") @Positive Long assetId,
                                        @QueryParam("kind") AssetKind kind,
                                        @QueryParam("number") @Size(max = 64) String number,
                                        @QueryParam("asOf") @Size(max = 40) String asOf) {
        CollateralQuery query = new CollateralQuery(assetId, kind, number);
        String error = CollateralStatusService.check(query);
        if (error != null) {
            throw ApiProblem.invalidField(assetId == null && kind == null ? "assetId" : kind == null ? "kind" : "number", error);
        }
        if (asOf != null) {
            OffsetDateTime instant = parseInstant(asOf);
            return service.asOf(Caller.of(jwt), query, instant).map(status -> {
                if (status == null) {
                    throw ApiProblem.notFound("asset", (assetId != null ? assetId : kind + " " + number) + " as of " + asOf);
                }
                return status;
            });
        }
        return service.statuses(Caller.of(jwt), List.of(query)).map(items -> {
            BatchStatus.Item item = items.get(0);
            if ("not-found".equals(item.error())) {
                throw ApiProblem.notFound("asset", assetId != null ? assetId : kind + " " + number);
            }
            if (item.error() != null) {
                throw ApiProblem.invalidField("number", item.error().replaceFirst("^number ", ""));
            }
            return item.status();
        });
    }

    private static OffsetDateTime parseInstant(String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField("asOf", "must be an ISO-8601 instant such as 2024-06-30T12:00:00Z");
        }
    }

    @POST
    @Path("/batch")
    @RolesAllowed({Roles.BANK, Roles.REGISTRAR, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "Up to " + BatchStatus.MAX_ASSETS + " assets in one call, answered in request order")
    public Uni<BatchStatus.Response> batch(@Valid @NotNull BatchStatus.Request request) {
        return service.statuses(Caller.of(jwt), request.assets()).map(items -> new BatchStatus.Response(items,
                items.stream().filter(i -> i.status() != null && i.status().journalSeq() != null)
                        .map(i -> i.status().journalSeq()).max(Long::compare).orElse(null)));
    }
}
