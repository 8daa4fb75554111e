package org.ipledger.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ipledger.journal.Merkle.NodeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyReceiptTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final int SIZE = 11;
    private static final int LEAF = 6;
    private static final int OLD_SIZE = 7;

    @TempDir
    Path dir;

    private PrivateKey key;
    private Path publicKey;
    private final List<byte[]> inputs = new ArrayList<>();
    private final Map<NodeId, byte[]> nodes = new HashMap<>();

    @BeforeEach
    void buildASignedTree() throws IOException {
        key = TreeHeads.readPrivateKey(Files.readString(TreeHeadsTest.DEV.resolve("journal-signing-key.pem")));
        publicKey = TreeHeadsTest.DEV.resolve("journal-signing-public.pem");
        for (int i = 0; i < SIZE; i++) {
            byte[] input = ("{\"seq\":" + (i + 1) + ",\"action\":\"PLEDGE_REGISTERED\",\"entityId\":" + (100 + i) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            inputs.add(input);
            Merkle.nodesCompletedBy(i, Merkle.leafHash(input), nodes::get).forEach(e -> nodes.put(e.getKey(), e.getValue()));
        }
        write("head.json", head(SIZE, Merkle.root(SIZE, nodes), key));
        write("old-head.json", head(OLD_SIZE, Merkle.root(OLD_SIZE, nodes), key));
        write("entry.json", entry(LEAF, inputs.get(LEAF)));
        write("proof.json", inclusion(LEAF, SIZE, Merkle.inclusionProof(LEAF, SIZE, nodes)));
        write("consistency.json", consistency(OLD_SIZE, SIZE, Merkle.consistencyProof(OLD_SIZE, SIZE, nodes)));
    }

    // ---------------------------------------------------------------------------------------------

    private static ObjectNode head(long size, byte[] root, PrivateKey signer) {
        Instant at = Instant.parse("2026-11-25T12:00:00Z").plusSeconds(size);
        ObjectNode head = JSON.createObjectNode();
        head.put("treeSize", size);
        head.put("rootHash", B64.encodeToString(root));
        head.put("timestamp", at.toString());
        head.put("algorithm", "Ed25519");
        head.put("signature", B64.encodeToString(TreeHeads.sign(signer, TreeHeads.signedMessage(size, root, at))));
        return head;
    }

    private static ObjectNode entry(long leafIndex, byte[] input) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("seq", leafIndex + 1);
        entry.put("leafIndex", leafIndex);
        entry.put("leafInput", B64.encodeToString(input));
        entry.put("leafHash", B64.encodeToString(Merkle.leafHash(input)));
        entry.put("actor", "dev-admin");
        return entry;
    }

    private static ArrayNode array(List<byte[]> hashes) {
        ArrayNode array = JSON.createArrayNode();
        hashes.forEach(h -> array.add(B64.encodeToString(h)));
        return array;
    }

    private static ObjectNode inclusion(long leafIndex, long size, List<byte[]> path) {
        ObjectNode proof = JSON.createObjectNode();
        proof.put("leafIndex", leafIndex);
        proof.put("treeSize", size);
        proof.set("auditPath", array(path));
        return proof;
    }

    private static ObjectNode consistency(long from, long to, List<byte[]> path) {
        ObjectNode proof = JSON.createObjectNode();
        proof.put("fromSize", from);
        proof.put("toSize", to);
        proof.set("proof", array(path));
        return proof;
    }

    private void write(String name, Object json) throws IOException {
        Files.writeString(dir.resolve(name), json instanceof String s ? s : JSON.writeValueAsString(json));
    }

    private ObjectNode read(String name) throws IOException {
        return (ObjectNode) JSON.readTree(dir.resolve(name).toFile());
    }

    private record Outcome(int status, String output) {
    }

    private Outcome run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = VerifyReceipt.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Outcome(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private Outcome inclusion() {
        return run(publicKey.toString(), path("head.json"), path("entry.json"), path("proof.json"));
    }

    private Outcome consistency() {
        return run("--consistency", publicKey.toString(), path("old-head.json"), path("head.json"),
                path("consistency.json"));
    }

    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private static void assertValid(Outcome outcome) {
        assertEquals(0, outcome.status(), outcome.output());
        assertTrue(outcome.output().startsWith("VALID: "), outcome.output());
        assertEquals(1, outcome.output().lines().count(), outcome.output());
    }

    private static void assertInvalid(Outcome outcome, String why) {
        assertEquals(1, outcome.status(), outcome.output());
        assertTrue(outcome.output().startsWith("INVALID: "), outcome.output());
        assertTrue(outcome.output().contains(why), outcome.output());
        assertEquals(1, outcome.output().lines().count(), outcome.output());
    }

    // ---------------------------------------------------------------------------------------------
    // Inclusion

    @Test
    void aReceiptWhoseHeadIsSignedAndWhoseLeafIsOnTheAuditPathIsValid() {
        Outcome outcome = inclusion();
        assertValid(outcome);
        assertTrue(outcome.output().contains("entry 7 (leaf 6)"), outcome.output());
        assertTrue(outcome.output().contains("tree of 11 leaves"), outcome.output());
    }

    @Test
    void everyLeafOfEveryTreeSizeHasAValidReceipt() throws IOException {
        for (int size = 1; size <= SIZE; size++) {
            write("head.json", head(size, Merkle.root(size, nodes), key));
            for (int leaf = 0; leaf < size; leaf++) {
                write("entry.json", entry(leaf, inputs.get(leaf)));
                write("proof.json", inclusion(leaf, size, Merkle.inclusionProof(leaf, size, nodes)));
                assertValid(inclusion());
            }
        }
    }

    @Test
    void aTamperedLeafInputIsInvalid() throws IOException {
        ObjectNode entry = read("entry.json");
        byte[] input = Base64.getDecoder().decode(entry.get("leafInput").asText());
        input[input.length - 2] ^= 1;
        entry.put("leafInput", B64.encodeToString(input));
        write("entry.json", entry);
        assertInvalid(inclusion(), "leafHash is not the hash of its leafInput");
    }

    @Test
    void aTamperedLeafInputWithAMatchingLeafHashIsNotOnTheAuditPath() throws IOException {
        byte[] input = "{\"seq\":7,\"action\":\"PLEDGE_RELEASED\",\"entityId\":106}".getBytes(StandardCharsets.UTF_8);
        write("entry.json", entry(LEAF, input));
        assertInvalid(inclusion(), "audit path does not lead");
    }

    @Test
    void aHeadSignedByAnotherKeyIsInvalid() throws Exception {
        PrivateKey forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        write("head.json", head(SIZE, Merkle.root(SIZE, nodes), forger));
        assertInvalid(inclusion(), "signature does not verify");
    }

    @Test
    void aHeadSignatureWithBytesAppendedIsInvalid() throws IOException {
        ObjectNode head = read("head.json");
        byte[] signature = Base64.getDecoder().decode(head.get("signature").asText());
        head.put("signature", B64.encodeToString(Arrays.copyOf(signature, 65)));
        write("head.json", head);
        assertInvalid(inclusion(), "signature does not verify");
    }

    @Test
    void aHeadWhoseRootWasChangedAfterSigningIsInvalid() throws IOException {
        ObjectNode head = read("head.json");
        byte[] root = Merkle.root(SIZE, nodes);
        root[0] ^= 1;
        head.put("rootHash", B64.encodeToString(root));
        write("head.json", head);
        assertInvalid(inclusion(), "signature does not verify");
    }

    @Test
    void aHeadWhoseSizeWasChangedAfterSigningIsInvalid() throws IOException {
        ObjectNode head = read("head.json");
        head.put("treeSize", SIZE + 1);
        write("head.json", head);
        write("proof.json", inclusion(LEAF, SIZE + 1, Merkle.inclusionProof(LEAF, SIZE, nodes)));
        assertInvalid(inclusion(), "signature does not verify");
    }

    @Test
    void aHeadSignedWithAnotherAlgorithmNameIsInvalid() throws IOException {
        ObjectNode head = read("head.json");
        head.put("algorithm", "ES256");
        write("head.json", head);
        assertInvalid(inclusion(), "not Ed25519");
    }

    @Test
    void aProofForAnotherTreeSizeThanTheHeadsIsInvalid() throws IOException {
        write("proof.json", inclusion(LEAF, SIZE - 1, Merkle.inclusionProof(LEAF, SIZE - 1, nodes)));
        assertInvalid(inclusion(), "the signed tree head is for 11");
    }

    @Test
    void aProofForAnotherLeafThanTheEntrysIsInvalid() throws IOException {
        write("proof.json", inclusion(LEAF - 1, SIZE, Merkle.inclusionProof(LEAF - 1, SIZE, nodes)));
        assertInvalid(inclusion(), "the entry is leaf 6");
    }

    @Test
    void anAuditPathWithAFlippedByteIsInvalid() throws IOException {
        List<byte[]> path = Merkle.inclusionProof(LEAF, SIZE, nodes);
        path.get(1)[5] ^= 1;
        write("proof.json", inclusion(LEAF, SIZE, path));
        assertInvalid(inclusion(), "audit path does not lead");
    }

    @Test
    void filesThatAreNotTheDocumentedJsonAreInvalid() throws IOException {
        write("proof.json", "not json");
        assertInvalid(inclusion(), "not JSON");
        String good = JSON.writeValueAsString(inclusion(LEAF, SIZE, Merkle.inclusionProof(LEAF, SIZE, nodes)));
        write("proof.json", good + " {}");
        assertInvalid(inclusion(), "not JSON");
        write("proof.json", good.replace("{", "{\"leafIndex\": 0, "));
        assertInvalid(inclusion(), "not JSON");
        write("proof.json", "[1, 2]");
        assertInvalid(inclusion(), "not a JSON object");
        ObjectNode proof = inclusion(LEAF, SIZE, Merkle.inclusionProof(LEAF, SIZE, nodes));
        proof.remove("auditPath");
        write("proof.json", proof);
        assertInvalid(inclusion(), "no array auditPath");
        ObjectNode entry = entry(LEAF, inputs.get(LEAF));
        entry.put("leafHash", "%%%");
        write("entry.json", entry);
        assertInvalid(inclusion(), "not base64");
    }

    // ---------------------------------------------------------------------------------------------
    // Consistency

    @Test
    void aConsistencyProofBetweenTwoSignedHeadsOfOneGrowingTreeIsValid() {
        Outcome outcome = consistency();
        assertValid(outcome);
        assertTrue(outcome.output().contains("tree of 7 leaves"), outcome.output());
        assertTrue(outcome.output().contains("prefix of the tree of 11 leaves"), outcome.output());
    }

    @Test
    void aConsistencyProofAgainstANewHeadSignedByAnotherKeyIsInvalid() throws Exception {
        PrivateKey forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        write("head.json", head(SIZE, Merkle.root(SIZE, nodes), forger));
        assertInvalid(consistency(), "new tree head's signature does not verify");
    }

    @Test
    void aConsistencyProofAgainstAnOldHeadSignedByAnotherKeyIsInvalid() throws Exception {
        PrivateKey forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        write("old-head.json", head(OLD_SIZE, Merkle.root(OLD_SIZE, nodes), forger));
        assertInvalid(consistency(), "old tree head's signature does not verify");
    }

    @Test
    void twoSignedHeadsOfForkedHistoriesAreNotConsistent() throws IOException {
        // The log's own key signs a head over a history in which leaf 2 was rewritten: a split view.
        Map<NodeId, byte[]> forked = new HashMap<>();
        for (int i = 0; i < SIZE; i++) {
            byte[] input = i == 2 ? "{\"rewritten\":true}".getBytes(StandardCharsets.UTF_8) : inputs.get(i);
            Merkle.nodesCompletedBy(i, Merkle.leafHash(input), forked::get).forEach(e -> forked.put(e.getKey(), e.getValue()));
        }
        write("head.json", head(SIZE, Merkle.root(SIZE, forked), key));
        assertInvalid(consistency(), "does not show the tree of 7 leaves to be a prefix");
        // Nor does the forked history's own proof help.
        write("consistency.json", consistency(OLD_SIZE, SIZE, Merkle.consistencyProof(OLD_SIZE, SIZE, forked)));
        assertInvalid(consistency(), "does not show the tree of 7 leaves to be a prefix");
    }

    @Test
    void aConsistencyProofWhoseSizesDoNotMatchTheHeadsIsInvalid() throws IOException {
        write("consistency.json", consistency(OLD_SIZE - 1, SIZE, Merkle.consistencyProof(OLD_SIZE - 1, SIZE, nodes)));
        assertInvalid(consistency(), "the old tree head has 7");
        write("consistency.json", consistency(OLD_SIZE, SIZE - 1, Merkle.consistencyProof(OLD_SIZE, SIZE - 1, nodes)));
        assertInvalid(consistency(), "the new tree head has 11");
    }

    @Test
    void headsGivenNewestFirstAreInvalid() {
        Outcome outcome = run("--consistency", publicKey.toString(), path("head.json"), path("old-head.json"),
                path("consistency.json"));
        assertEquals(1, outcome.status(), outcome.output());
        assertTrue(outcome.output().startsWith("INVALID: "), outcome.output());
    }

    // ---------------------------------------------------------------------------------------------
    // Usage

    @Test
    void wrongArgumentsAreAUsageErrorWithStatusTwo() {
        assertEquals(2, run().status());
        assertEquals(2, run(publicKey.toString(), path("head.json"), path("entry.json")).status());
        assertEquals(2, run("--consistency", publicKey.toString(), path("head.json"), path("entry.json")).status());
        assertEquals(2, run("--inclusion", publicKey.toString(), path("head.json"), path("entry.json")).status());
        assertTrue(run().output().startsWith("usage: "));
    }

    @Test
    void anUnreadableFileOrAKeyFileWithoutAnEd25519KeyIsAUsageError() {
        assertEquals(2, run(publicKey.toString(), path("missing.json"), path("entry.json"), path("proof.json")).status());
        assertEquals(2, run(path("head.json"), path("head.json"), path("entry.json"), path("proof.json")).status());
        assertEquals(2, run(TreeHeadsTest.DEV.resolve("jwt-public.pem").toString(), path("head.json"),
                path("entry.json"), path("proof.json")).status());
    }
}
