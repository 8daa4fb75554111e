package org.ipledger.party;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ipledger.common.Caller;
import org.ipledger.common.Idempotency;
import org.ipledger.common.Page;
import org.ipledger.common.Roles;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/api/v1/parties")
@Tag(name = "Parties", description = "Enterprises, banks, insurers, issuers and trustees")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartyResource {

    private final PartyService service;
    private final JsonWebToken jwt;

    public PartyResource(PartyService service, JsonWebToken jwt) {
        this.service = service;
        this.jwt = jwt;
    }

    @POST
    @ResponseStatus(201)
    @RolesAllowed({Roles.ADMIN, Roles.REGISTRAR})
    public Uni<PartyView> register(@Valid @NotNull PartyInput input,
                                   @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return service.register(Caller.of(jwt), input, Idempotency.checkKey(idempotencyKey));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.REGISTRAR, Roles.REGULATOR, Roles.BANK})
    public Uni<PartyView> get(@PathParam("id") long id) {
        return service.get(id);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.REGISTRAR, Roles.REGULATOR, Roles.BANK})
    public Uni<Page<PartyView>> list(@QueryParam("kind") PartyKind kind,
                                     @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                     @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.list(kind, page, size);
    }
}
