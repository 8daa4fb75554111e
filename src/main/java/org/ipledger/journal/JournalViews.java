package org.ipledger.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** What the verifiable journal answers. Binary values are standard base64. */
public final class JournalViews {

    private JournalViews() {
    }

    @Schema(description = "A signed tree head: Ed25519 over \"ipledger-tree-head-v1\\n<treeSize>\\n<rootHash>\\n<timestamp>\"")
    public record TreeHead(long treeSize, String rootHash, Instant timestamp, String algorithm, String signature) {
    }

    @Schema(description = "A journal entry with the exact bytes hashed into the tree (leafHash = SHA-256(0x00 || leafInput)); "
            + "state and leafInput are absent where the caller may not read the entry (another organisation's business)")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(long seq, long leafIndex, Instant recordedAt, String actor, JournalAction action,
                        String entityType, long entityId, List<Long> assetIds, JsonNode state,
                        String leafInput, String leafHash) {
    }

    public record InclusionProof(long seq, long leafIndex, long treeSize, List<String> auditPath) {
    }

    public record ConsistencyProof(long fromSize, long toSize, List<String> proof) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mismatch(long seq, long leafIndex, String storedLeafHash, String recomputedLeafHash) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "Recomputation of the whole tree from the journal rows")
    public record Audit(long checkedEntries, long treeSize, boolean consistent, Mismatch firstMismatch,
                        Long signedTreeSize, Boolean signedRootMatches) {
    }
}
