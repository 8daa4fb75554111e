package org.ipledger.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks a journal receipt offline, with the log's public key and nothing else: no server.
 *
 * <pre>
 * VerifyReceipt &lt;public-key.pem&gt; &lt;tree-head.json&gt; &lt;entry.json&gt; &lt;proof.json&gt;
 * VerifyReceipt --consistency &lt;public-key.pem&gt; &lt;old-head.json&gt; &lt;new-head.json&gt; &lt;consistency.json&gt;
 * </pre>
 *
 * The first form proves that an entry is in the signed tree: the head's Ed25519 signature, the entry's
 * leaf hash, and its inclusion proof. The second proves that the newer signed tree extends the older
 * one: both signatures and the consistency proof. Binary values in the JSON files are standard base64.
 *
 * <p>Prints one line: {@code VALID: ...} (exit 0) or {@code INVALID: <why>} (exit 1). Wrong arguments,
 * an unreadable file or a public key file that holds no Ed25519 public key exit 2.
 */
public final class VerifyReceipt {

    static final int VALID = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = "usage: VerifyReceipt <public-key.pem> <tree-head.json> <entry.json> <proof.json>\n"
            + "       VerifyReceipt --consistency <public-key.pem> <old-head.json> <new-head.json> <consistency.json>";

    /** Strict: a duplicated member or anything after the JSON value makes the file unreadable. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private VerifyReceipt() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Does what {@link #main} does and returns the exit status instead of exiting. */
    public static int run(String[] args, PrintStream out) {
        boolean consistency = args.length > 0 && "--consistency".equals(args[0]);
        int expected = consistency ? 5 : 4;
        if (args.length != expected || (!consistency && args[0].startsWith("--"))) {
            out.println(USAGE_TEXT);
            return USAGE;
        }
        int first = consistency ? 1 : 0;
        String[] texts = new String[4];
        for (int i = 0; i < 4; i++) {
            Path path = Path.of(args[first + i]);
            try {
                texts[i] = Files.readString(path, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                out.println(oneLine("error: no such file: " + path));
                return USAGE;
            } catch (IOException | RuntimeException e) {
                out.println(oneLine("error: cannot read " + path + ": " + e));
                return USAGE;
            }
        }
        PublicKey key;
        try {
            key = TreeHeads.readPublicKey(texts[0]);
        } catch (IllegalArgumentException e) {
            out.println(oneLine("error: " + args[first] + " holds no Ed25519 public key: " + e.getMessage()));
            return USAGE;
        }
        try {
            String verdict = consistency
                    ? checkConsistency(key, texts[1], texts[2], texts[3])
                    : checkInclusion(key, texts[1], texts[2], texts[3]);
            out.println("VALID: " + verdict);
            return VALID;
        } catch (Invalid e) {
            out.println("INVALID: " + oneLine(e.getMessage()));
            return INVALID;
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static String checkInclusion(PublicKey key, String headText, String entryText, String proofText)
            throws Invalid {
        Head head = readHead(key, headText, "tree head");
        JsonNode entry = parse(entryText, "entry");
        long leafIndex = number(entry, "leafIndex", "entry");
        byte[] leafInput = bytes(entry, "leafInput", "entry");
        byte[] leafHash = hash(entry, "leafHash", "entry");
        if (!MessageDigest.isEqual(leafHash, Merkle.leafHash(leafInput))) {
            throw new Invalid("the entry's leafHash is not the hash of its leafInput");
        }
        JsonNode proof = parse(proofText, "inclusion proof");
        long proofIndex = number(proof, "leafIndex", "inclusion proof");
        long proofSize = number(proof, "treeSize", "inclusion proof");
        List<byte[]> auditPath = hashes(proof, "auditPath", "inclusion proof");
        if (proofSize != head.treeSize) {
            throw new Invalid("the inclusion proof is for a tree of " + proofSize
                    + " leaves, the signed tree head is for " + head.treeSize);
        }
        if (proofIndex != leafIndex) {
            throw new Invalid("the inclusion proof is for leaf " + proofIndex + ", the entry is leaf " + leafIndex);
        }
        if (leafIndex < 0 || leafIndex >= head.treeSize) {
            throw new Invalid("leaf " + leafIndex + " is not in a tree of " + head.treeSize + " leaves");
        }
        if (!Merkle.verifyInclusion(leafHash, leafIndex, head.treeSize, auditPath, head.rootHash)) {
            throw new Invalid("the audit path does not lead from leaf " + leafIndex + " to the signed root");
        }
        JsonNode seq = entry.get("seq");
        String which = seq != null && seq.isIntegralNumber() ? "entry " + seq.asText() + " (leaf " + leafIndex + ")"
                : "leaf " + leafIndex;
        return which + " is in the tree of " + head.treeSize + " leaves with root " + base64(head.rootHash)
                + ", signed at " + head.timestamp;
    }

    private static String checkConsistency(PublicKey key, String oldText, String newText, String proofText)
            throws Invalid {
        Head older = readHead(key, oldText, "old tree head");
        Head newer = readHead(key, newText, "new tree head");
        JsonNode proof = parse(proofText, "consistency proof");
        long fromSize = number(proof, "fromSize", "consistency proof");
        long toSize = number(proof, "toSize", "consistency proof");
        List<byte[]> path = hashes(proof, "proof", "consistency proof");
        if (fromSize != older.treeSize) {
            throw new Invalid("the consistency proof starts at " + fromSize + " leaves, the old tree head has "
                    + older.treeSize);
        }
        if (toSize != newer.treeSize) {
            throw new Invalid("the consistency proof ends at " + toSize + " leaves, the new tree head has "
                    + newer.treeSize);
        }
        if (older.treeSize == 0) {
            throw new Invalid("the old tree is empty; a consistency proof starts at 1 leaf or more");
        }
        if (older.treeSize > newer.treeSize) {
            throw new Invalid("the old tree head (" + older.treeSize + " leaves) is larger than the new one ("
                    + newer.treeSize + ")");
        }
        if (!Merkle.verifyConsistency(older.treeSize, newer.treeSize, older.rootHash, newer.rootHash, path)) {
            throw new Invalid("the proof does not show the tree of " + older.treeSize
                    + " leaves to be a prefix of the tree of " + newer.treeSize);
        }
        return "the tree of " + older.treeSize + " leaves (root " + base64(older.rootHash) + ", signed at "
                + older.timestamp + ") is a prefix of the tree of " + newer.treeSize + " leaves (root "
                + base64(newer.rootHash) + ", signed at " + newer.timestamp + ")";
    }

    // ---------------------------------------------------------------------------------------------

    private record Head(long treeSize, byte[] rootHash, Instant timestamp) {
    }

    /** Reads a tree head and checks its signature. */
    private static Head readHead(PublicKey key, String text, String what) throws Invalid {
        JsonNode json = parse(text, what);
        long treeSize = number(json, "treeSize", what);
        byte[] rootHash = hash(json, "rootHash", what);
        String timestampText = string(json, "timestamp", what);
        String algorithm = string(json, "algorithm", what);
        byte[] signature = bytes(json, "signature", what);
        if (!TreeHeads.ALGORITHM.equals(algorithm)) {
            throw new Invalid("the " + what + " is signed with " + algorithm + ", not " + TreeHeads.ALGORITHM);
        }
        if (treeSize < 0) {
            throw new Invalid("the " + what + " has a negative treeSize");
        }
        Instant timestamp;
        try {
            timestamp = Instant.parse(timestampText);
        } catch (DateTimeParseException e) {
            throw new Invalid("the " + what + "'s timestamp is not an ISO-8601 instant: " + timestampText);
        }
        byte[] message = TreeHeads.signedMessage(treeSize, rootHash, timestamp);
        if (!TreeHeads.verify(key, message, signature)) {
            throw new Invalid("the " + what + "'s signature does not verify with the public key");
        }
        return new Head(treeSize, rootHash, timestamp);
    }

    private static JsonNode parse(String text, String what) throws Invalid {
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Invalid("the " + what + " is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new Invalid("the " + what + " is not a JSON object");
        }
        return json;
    }

    private static long number(JsonNode json, String member, String what) throws Invalid {
        JsonNode value = json.get(member);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new Invalid("the " + what + " has no whole number " + member);
        }
        return value.longValue();
    }

    private static String string(JsonNode json, String member, String what) throws Invalid {
        JsonNode value = json.get(member);
        if (value == null || !value.isTextual()) {
            throw new Invalid("the " + what + " has no string " + member);
        }
        return value.textValue();
    }

    private static byte[] bytes(JsonNode json, String member, String what) throws Invalid {
        return decode(string(json, member, what), member, what);
    }

    private static byte[] hash(JsonNode json, String member, String what) throws Invalid {
        byte[] value = bytes(json, member, what);
        if (value.length != Merkle.HASH_BYTES) {
            throw new Invalid("the " + what + "'s " + member + " is " + value.length + " bytes, not "
                    + Merkle.HASH_BYTES);
        }
        return value;
    }

    private static List<byte[]> hashes(JsonNode json, String member, String what) throws Invalid {
        JsonNode array = json.get(member);
        if (array == null || !array.isArray()) {
            throw new Invalid("the " + what + " has no array " + member);
        }
        List<byte[]> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String name = member + "[" + i + "]";
            if (!element.isTextual()) {
                throw new Invalid("the " + what + "'s " + name + " is not a string");
            }
            byte[] value = decode(element.textValue(), name, what);
            if (value.length != Merkle.HASH_BYTES) {
                throw new Invalid("the " + what + "'s " + name + " is " + value.length + " bytes, not "
                        + Merkle.HASH_BYTES);
            }
            out.add(value);
        }
        return out;
    }

    private static byte[] decode(String text, String member, String what) throws Invalid {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new Invalid("the " + what + "'s " + member + " is not base64");
        }
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Why a receipt does not hold; its message follows {@code INVALID: }. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String why) {
            super(why, null, false, false);
        }
    }
}
