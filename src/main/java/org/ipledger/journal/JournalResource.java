package org.ipledger.journal;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ipledger.common.Caller;
import org.ipledger.common.Roles;

@Path("/api/v1/journal")
@Tag(name = "Journal", description = "The append-only journal as a Merkle tree: signed heads, receipts and proofs")
@Produces(MediaType.APPLICATION_JSON)
public class JournalResource {

    private final JournalTree tree;
    private final JsonWebToken jwt;

    public JournalResource(JournalTree tree, JsonWebToken jwt) {
        this.tree = tree;
        this.jwt = jwt;
    }

    @GET
    @Path("/tree-head")
    @RolesAllowed({Roles.BANK, Roles.INSURER, Roles.ISSUER, Roles.TRUSTEE, Roles.REGISTRAR, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "The signed head of the tree as it stands now (every committed entry sequenced)")
    public Uni<JournalViews.TreeHead> treeHead() {
        return tree.currentHead();
    }

    @GET
    @Path("/entries/{seq}")
    @RolesAllowed({Roles.BANK, Roles.INSURER, Roles.ISSUER, Roles.TRUSTEE, Roles.REGISTRAR, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "A journal entry with its leaf bytes: keep it as a receipt")
    public Uni<JournalViews.Entry> entry(@PathParam("seq") long seq) {
        return tree.entry(Caller.of(jwt), seq);
    }

    @GET
    @Path("/entries/{seq}/proof")
    @RolesAllowed({Roles.BANK, Roles.INSURER, Roles.ISSUER, Roles.TRUSTEE, Roles.REGISTRAR, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "Inclusion proof of the entry in the tree of the given size (default: the latest signed head)")
    public Uni<JournalViews.InclusionProof> proof(@PathParam("seq") long seq, @QueryParam("treeSize") @Min(1) Long treeSize) {
        return tree.inclusionProof(seq, treeSize);
    }

    @GET
    @Path("/consistency")
    @RolesAllowed({Roles.BANK, Roles.INSURER, Roles.ISSUER, Roles.TRUSTEE, Roles.REGISTRAR, Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "Consistency proof: the tree of size 'to' extends the tree of size 'from'")
    public Uni<JournalViews.ConsistencyProof> consistency(@QueryParam("from") @NotNull @Min(1) Long from,
                                                          @QueryParam("to") @NotNull @Min(1) Long to) {
        return tree.consistencyProof(from, to);
    }

    @GET
    @Path("/audit")
    @RolesAllowed({Roles.REGULATOR, Roles.ADMIN})
    @Operation(summary = "Recompute the whole tree from the journal rows and report the first entry that does not match")
    public Uni<JournalViews.Audit> audit() {
        return tree.audit();
    }
}
