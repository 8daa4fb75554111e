package org.ipledger.registry;

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
import org.ipledger.journal.JournalEntryView;
import org.ipledger.journal.JournalQueries;
import io.smallrye.common.annotation.Blocking;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/api/v1/assets")
@Tag(name = "Assets", description = "Patents, trademarks and copyrights: register, legal status, valuations, history")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AssetResource {

    private final AssetService service;
    private final AssetBulkService bulk;
    private final LegalEventBulkService bulkEvents;
    private final JournalQueries journal;
    private final JsonWebToken jwt;

    public AssetResource(AssetService service, AssetBulkService bulk, LegalEventBulkService bulkEvents,
                         JournalQueries journal, JsonWebToken jwt) {
        this.service = service;
        this.bulk = bulk;
        this.bulkEvents = bulkEvents;
        this.journal = journal;
        this.jwt = jwt;
    }

    @POST
    @ResponseStatus(201)
    @RolesAllowed({Roles.REGISTRAR, Roles.ADMIN})
    public Uni<AssetView> register(@Valid @NotNull AssetInput input, @HeaderParam(Idempotency.HEADER) String key) {
        return service.register(Caller.of(jwt), input, Idempotency.checkKey(key));
    }

    @POST
    @Path("/import")
    @RolesAllowed({Roles.REGISTRAR, Roles.ADMIN})
    @Operation(summary = "Bulk import", description = "Up to " + AssetImport.MAX_ROWS + " rows; each row is taken whole "
            + "or reported in 'rejected' with its reasons")
    public Uni<AssetImport.Report> importRows(@Valid @NotNull AssetImport.Request request,
                                              @HeaderParam(Idempotency.HEADER) String key) {
        return service.importRows(Caller.of(jwt), request, Idempotency.checkKey(key));
    }

    @POST
    @Path("/bulk")
    @Consumes("text/csv")
    @ResponseStatus(201)
    @Blocking // reading and checking up to 20,000 rows takes CPU time the event loop must not lose
    @RolesAllowed({Roles.REGISTRAR, Roles.ADMIN})
    @Operation(summary = "Bulk load, all or nothing", description = "CSV (UTF-8, RFC 4180), a header line naming the"
            + " columns kind, registryNumber, title, holderIds (ids separated by ';'), filingDate and optionally grantDate,"
            + " expiresOn, legalStatus, markGroup; up to " + AssetBulk.MAX_ROWS + " rows. Every row registered, or none:"
            + " 422 bulk-rows-rejected lists each rejected row with its field errors in 'rejected'")
    public Uni<AssetBulk.Report> bulk(String csv, @HeaderParam(Idempotency.HEADER) String key) {
        if (csv == null || csv.isBlank()) {
            throw org.ipledger.common.ApiProblem.invalidField("body", "is empty");
        }
        return bulk.load(Caller.of(jwt), csv, Idempotency.checkKey(key));
    }

    @POST
    @Path("/legal-events/bulk")
    @Consumes("text/csv")
    @ResponseStatus(201)
    @RolesAllowed({Roles.REGISTRAR})
    @Operation(summary = "Bulk load of legal-status events, all or nothing", description = "The patent office's daily"
            + " file. CSV (UTF-8, RFC 4180), a header line naming the columns assetKind, registryNumber (the asset, written"
            + " as the office writes it), kind, occurredOn and optionally reference, note; up to " + LegalEventBulk.MAX_ROWS
            + " rows, applied in row order with the rules and effects of single events (status, encumbrances, journal"
            + " entry per event, alerts to lending banks). Every event recorded, or none: 422 bulk-rows-rejected lists"
            + " each rejected row with its field errors in 'rejected'")
    public Uni<LegalEventBulk.Report> bulkLegalEvents(String csv, @HeaderParam(Idempotency.HEADER) String key) {
        if (csv == null || csv.isBlank()) {
            throw org.ipledger.common.ApiProblem.invalidField("body", "is empty");
        }
        String checkedKey = Idempotency.checkKey(key);
        // Read here, on the event loop: the Hibernate Reactive session the load needs must run there too.
        return bulkEvents.load(Caller.of(jwt), csv, LegalEventBulkService.read(csv), checkedKey);
    }

    @GET
    @RolesAllowed({Roles.REGISTRAR, Roles.ADMIN, Roles.REGULATOR, Roles.BANK})
    public Uni<Page<AssetView>> search(@QueryParam("kind") AssetKind kind,
                                       @QueryParam("legalStatus") LegalStatus legalStatus,
                                       @QueryParam("holderId") Long holderId,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                       @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.search(kind, legalStatus, holderId, page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.REGISTRAR, Roles.ADMIN, Roles.REGULATOR, Roles.BANK})
    public Uni<AssetView> get(@PathParam("id") long id) {
        return service.get(id);
    }

    @POST
    @Path("/{id}/legal-events")
    @ResponseStatus(201)
    @RolesAllowed({Roles.REGISTRAR})
    @Operation(summary = "Record a dated legal-status event (lapse, invalidation, court freeze, ...)")
    public Uni<LegalEventView> recordLegalEvent(@PathParam("id") long id, @Valid @NotNull LegalEventInput input,
                                                @HeaderParam(Idempotency.HEADER) String key) {
        return service.recordLegalEvent(Caller.of(jwt), id, input, Idempotency.checkKey(key));
    }

    @GET
    @Path("/{id}/legal-events")
    @RolesAllowed({Roles.REGISTRAR, Roles.ADMIN, Roles.REGULATOR, Roles.BANK})
    public Uni<Page<LegalEventView>> legalEvents(@PathParam("id") long id,
                                                 @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                                 @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.legalEvents(id, page, size);
    }

    @POST
    @Path("/{id}/valuations")
    @ResponseStatus(201)
    @RolesAllowed({Roles.REGISTRAR, Roles.BANK})
    @Operation(summary = "Record an appraisal of the asset")
    public Uni<ValuationView> recordValuation(@PathParam("id") long id, @Valid @NotNull ValuationInput input,
                                              @HeaderParam(Idempotency.HEADER) String key) {
        return service.recordValuation(Caller.of(jwt), id, input, Idempotency.checkKey(key));
    }

    @GET
    @Path("/{id}/valuations")
    @RolesAllowed({Roles.REGISTRAR, Roles.ADMIN, Roles.REGULATOR, Roles.BANK})
    public Uni<Page<ValuationView>> valuations(@PathParam("id") long id,
                                               @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                               @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.valuations(id, page, size);
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.REGISTRAR, Roles.ADMIN, Roles.REGULATOR, Roles.BANK})
    @Operation(summary = "The asset's story from the journal: registration, legal events, valuations, pledges")
    public Uni<Page<JournalEntryView>> history(@PathParam("id") long id,
                                               @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                               @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.get(id).flatMap(asset -> journal.assetHistory(Caller.of(jwt), id, page, size));
    }
}
