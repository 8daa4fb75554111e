package org.ipledger.journal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Merkle tree of the journal, exactly as RFC 9162 section 2.1 defines it (the same tree as
 * RFC 6962): SHA-256, leaf hash {@code SHA-256(0x00 || leafInput)}, node hash
 * {@code SHA-256(0x01 || left || right)}, the empty tree's hash {@code SHA-256("")}, and a tree of
 * n > 1 leaves split at k, the largest power of two smaller than n.
 *
 * <p>The server stores only the hashes of <em>perfect</em> subtrees ({@link NodeId}): once such a
 * subtree is complete its hash never changes, so the stored rows are append-only like the journal.
 * Every other hash (a root, the hash of a ragged right edge) is computed from at most one perfect
 * node per level. A caller asks {@code nodesFor...} which perfect nodes an answer needs, fetches
 * them in one query, and hands them to {@link #root}, {@link #inclusionProof} or
 * {@link #consistencyProof}. Each of those sets holds O(log n) nodes.
 *
 * <p>Pure functions; no framework.
 */
public final class Merkle {

    /** Bytes in a SHA-256 hash, and so in every hash of the tree. */
    public static final int HASH_BYTES = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private Merkle() {
    }

    /**
     * The perfect subtree of 2^level leaves covering leaves [index << level, (index + 1) << level).
     * Level 0 nodes are the leaf hashes.
     */
    public record NodeId(int level, long index) {

        public NodeId {
            if (level < 0 || level > 62) {
                throw new IllegalArgumentException("level must be 0..62, was " + level);
            }
            if (index < 0 || index >= (Long.MAX_VALUE >> level)) {
                throw new IllegalArgumentException("index out of range at level " + level + ": " + index);
            }
        }

        /** The first leaf this subtree covers. */
        public long start() {
            return index << level;
        }

        /** One past the last leaf this subtree covers. */
        public long end() {
            return (index + 1) << level;
        }

        /** The number of leaves it covers, 2^level. */
        public long size() {
            return 1L << level;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Hashes

    /** {@code SHA-256(0x00 || leafInput)}. */
    public static byte[] leafHash(byte[] leafInput) {
        if (leafInput == null) {
            throw new IllegalArgumentException("leafInput is null");
        }
        MessageDigest sha = sha256();
        sha.update(LEAF_PREFIX);
        sha.update(leafInput);
        return sha.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        if (left == null || right == null) {
            throw new IllegalArgumentException("a child hash is null");
        }
        MessageDigest sha = sha256();
        sha.update(NODE_PREFIX);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The hash of the empty tree, {@code SHA-256("")}. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    // ---------------------------------------------------------------------------------------------
    // Which perfect nodes an answer needs

    /** The perfect nodes {@link #root} needs for a tree of {@code treeSize} leaves: one per set bit. */
    public static Set<NodeId> nodesForRoot(long treeSize) {
        requireSize(treeSize, "treeSize");
        Set<NodeId> ids = new LinkedHashSet<>();
        collect(0, treeSize, ids);
        return Collections.unmodifiableSet(ids);
    }

    /** The perfect nodes {@link #inclusionProof} needs. */
    public static Set<NodeId> nodesForInclusion(long leafIndex, long treeSize) {
        checkInclusionArguments(leafIndex, treeSize);
        Set<NodeId> ids = new LinkedHashSet<>();
        for (long[] range : inclusionRanges(leafIndex, treeSize)) {
            collect(range[0], range[1], ids);
        }
        return Collections.unmodifiableSet(ids);
    }

    /** The perfect nodes {@link #consistencyProof} needs. */
    public static Set<NodeId> nodesForConsistency(long oldSize, long newSize) {
        checkConsistencyArguments(oldSize, newSize);
        Set<NodeId> ids = new LinkedHashSet<>();
        for (long[] range : consistencyRanges(oldSize, newSize)) {
            collect(range[0], range[1], ids);
        }
        return Collections.unmodifiableSet(ids);
    }

    /**
     * Cuts the leaves [start, end) into maximal aligned perfect subtrees, left to right: each piece
     * is the largest perfect subtree that starts where the previous one ended and fits.
     */
    public static List<NodeId> decompose(long start, long end) {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not a range of leaves: [" + start + ", " + end + ")");
        }
        List<NodeId> pieces = new ArrayList<>();
        long at = start;
        while (at < end) {
            int level = at == 0 ? 62 : Long.numberOfTrailingZeros(at);
            while ((1L << level) > end - at) {
                level--;
            }
            pieces.add(new NodeId(level, at >> level));
            at += 1L << level;
        }
        return pieces;
    }

    // ---------------------------------------------------------------------------------------------
    // Answers from perfect nodes

    /** MTH of the first {@code treeSize} leaves, from the nodes {@link #nodesForRoot} named. */
    public static byte[] root(long treeSize, Map<NodeId, byte[]> nodes) {
        requireSize(treeSize, "treeSize");
        if (treeSize == 0) {
            return emptyRoot();
        }
        return subtreeHash(0, treeSize, nodes);
    }

    /**
     * PATH(leafIndex, D[treeSize]) of RFC 9162 section 2.1.3.1: the audit path, from the leaf's
     * sibling up to the root's other child.
     */
    public static List<byte[]> inclusionProof(long leafIndex, long treeSize, Map<NodeId, byte[]> nodes) {
        checkInclusionArguments(leafIndex, treeSize);
        List<byte[]> path = new ArrayList<>();
        for (long[] range : inclusionRanges(leafIndex, treeSize)) {
            path.add(subtreeHash(range[0], range[1], nodes));
        }
        return path;
    }

    /**
     * PROOF(oldSize, D[newSize]) of RFC 9162 section 2.1.4.1. Empty when the sizes are equal.
     */
    public static List<byte[]> consistencyProof(long oldSize, long newSize, Map<NodeId, byte[]> nodes) {
        checkConsistencyArguments(oldSize, newSize);
        List<byte[]> proof = new ArrayList<>();
        for (long[] range : consistencyRanges(oldSize, newSize)) {
            proof.add(subtreeHash(range[0], range[1], nodes));
        }
        return proof;
    }

    /**
     * The perfect nodes that become complete when leaf {@code leafIndex} is appended: first the leaf
     * itself (level 0), then, while the subtree the new node closes is complete, its parent. Each
     * parent's left child is looked up through {@code existing}, which must see the nodes stored
     * before and those completed earlier in the same batch.
     *
     * @throws IllegalStateException when {@code existing} lacks a left sibling
     */
    public static List<Map.Entry<NodeId, byte[]>> nodesCompletedBy(long leafIndex, byte[] leafHash,
                                                                 Function<NodeId, byte[]> existing) {
        if (leafIndex < 0 || leafIndex == Long.MAX_VALUE) {
            throw new IllegalArgumentException("leafIndex out of range: " + leafIndex);
        }
        requireHash(leafHash, "leafHash");
        List<Map.Entry<NodeId, byte[]>> completed = new ArrayList<>();
        NodeId id = new NodeId(0, leafIndex);
        byte[] hash = leafHash.clone();
        completed.add(Map.entry(id, hash));
        // A node at (level, index) with an odd index is a right child: its parent closes with it.
        while ((id.index() & 1) == 1) {
            NodeId left = new NodeId(id.level(), id.index() - 1);
            byte[] leftHash = existing.apply(left);
            if (leftHash == null) {
                throw new IllegalStateException("left sibling " + left + " of " + id + " is not stored");
            }
            requireStoredHash(left, leftHash);
            id = new NodeId(id.level() + 1, id.index() >> 1);
            hash = nodeHash(leftHash, hash);
            completed.add(Map.entry(id, hash));
        }
        return completed;
    }

    // ---------------------------------------------------------------------------------------------
    // Verification (RFC 9162 sections 2.1.3.2 and 2.1.4.2); never throws

    /**
     * RFC 9162 section 2.1.3.2: whether {@code proof} proves that {@code leafHash} is leaf
     * {@code leafIndex} of the tree of {@code treeSize} leaves whose hash is {@code root}. False for
     * any malformed input (nulls, hashes not 32 bytes, an index outside the tree).
     */
    public static boolean verifyInclusion(byte[] leafHash, long leafIndex, long treeSize,
                                          List<byte[]> proof, byte[] root) {
        if (!isHash(leafHash) || !isHash(root) || !isPath(proof)) {
            return false;
        }
        // 1. leaf_index >= tree_size fails (and so does anything negative).
        if (leafIndex < 0 || treeSize <= 0 || leafIndex >= treeSize) {
            return false;
        }
        // 2.
        long fn = leafIndex;
        long sn = treeSize - 1;
        // 3.
        byte[] r = leafHash;
        // 4.
        for (byte[] p : proof) {
            // a.
            if (sn == 0) {
                return false;
            }
            // b.
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            // c.
            fn >>= 1;
            sn >>= 1;
        }
        // 5.
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * RFC 9162 section 2.1.4.2: whether {@code proof} proves that the tree of {@code oldSize}
     * leaves with hash {@code oldRoot} is a prefix of the tree of {@code newSize} leaves with hash
     * {@code newRoot}. Equal sizes, which the RFC's algorithm leaves out, are consistent exactly
     * when the proof is empty (as {@link #consistencyProof} gives it) and the roots are equal. An
     * old size of 0 is refused, as {@link #consistencyProof} refuses it. False for any malformed
     * input.
     */
    public static boolean verifyConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot,
                                            List<byte[]> proof) {
        if (!isHash(oldRoot) || !isHash(newRoot) || !isPath(proof)) {
            return false;
        }
        if (oldSize <= 0 || newSize < oldSize) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
        }
        // 1.
        if (proof.isEmpty()) {
            return false;
        }
        // 2.
        List<byte[]> path = proof;
        if ((oldSize & (oldSize - 1)) == 0) {
            path = new ArrayList<>(proof.size() + 1);
            path.add(oldRoot);
            path.addAll(proof);
        }
        // 3.
        long fn = oldSize - 1;
        long sn = newSize - 1;
        // 4.
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        // 5.
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        // 6.
        for (byte[] c : path.subList(1, path.size())) {
            // a.
            if (sn == 0) {
                return false;
            }
            // b.
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            // c.
            fn >>= 1;
            sn >>= 1;
        }
        // 7.
        return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
    }

    // ---------------------------------------------------------------------------------------------
    // The RFC's recursions, over ranges of leaves

    /** The largest power of two smaller than n, for n > 1. */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /**
     * The ranges whose MTH make up PATH(m, D[n]), in the RFC's order:
     * PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) when m < k, else PATH(m - k, D[k:n]) : MTH(D[0:k]).
     */
    private static List<long[]> inclusionRanges(long leafIndex, long treeSize) {
        List<long[]> outward = new ArrayList<>();
        long start = 0;
        long end = treeSize;
        long m = leafIndex;
        // Walk down from the root; each step's sibling comes after everything found below it.
        while (end - start > 1) {
            long k = split(end - start);
            if (m < k) {
                outward.add(new long[] {start + k, end});
                end = start + k;
            } else {
                outward.add(new long[] {start, start + k});
                start += k;
                m -= k;
            }
        }
        Collections.reverse(outward);
        return outward;
    }

    /**
     * The ranges whose MTH make up PROOF(m, D[n]) = SUBPROOF(m, D[n], true), in the RFC's order:
     * SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])}; for m < n,
     * SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n]) when m <= k, else
     * SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]).
     */
    private static List<long[]> consistencyRanges(long oldSize, long newSize) {
        List<long[]> outward = new ArrayList<>();
        long start = 0;
        long end = newSize;
        long m = oldSize;
        boolean whole = true;
        while (m != end - start) {
            long k = split(end - start);
            if (m <= k) {
                outward.add(new long[] {start + k, end});
                end = start + k;
            } else {
                outward.add(new long[] {start, start + k});
                start += k;
                m -= k;
                whole = false;
            }
        }
        if (!whole) {
            outward.add(new long[] {start, end});
        }
        Collections.reverse(outward);
        return outward;
    }

    /**
     * MTH(D[start:end]) for a range the RFC's recursion produces (its start is a multiple of the
     * largest power of two not above its length), from perfect nodes: a perfect range is one node,
     * any other is node(left perfect part, MTH(rest)).
     */
    private static byte[] subtreeHash(long start, long end, Map<NodeId, byte[]> nodes) {
        List<NodeId> pieces = decompose(start, end);
        byte[] hash = lookup(pieces.get(pieces.size() - 1), nodes);
        for (int i = pieces.size() - 2; i >= 0; i--) {
            hash = nodeHash(lookup(pieces.get(i), nodes), hash);
        }
        return hash;
    }

    private static void collect(long start, long end, Set<NodeId> into) {
        into.addAll(decompose(start, end));
    }

    private static byte[] lookup(NodeId id, Map<NodeId, byte[]> nodes) {
        byte[] hash = nodes == null ? null : nodes.get(id);
        if (hash == null) {
            throw new IllegalStateException("perfect node " + id + " is missing");
        }
        requireStoredHash(id, hash);
        return hash.clone();
    }

    // ---------------------------------------------------------------------------------------------
    // Checks

    private static void requireSize(long size, String name) {
        if (size < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + size);
        }
    }

    private static void checkInclusionArguments(long leafIndex, long treeSize) {
        requireSize(treeSize, "treeSize");
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leafIndex " + leafIndex + " is not in a tree of " + treeSize);
        }
    }

    private static void checkConsistencyArguments(long oldSize, long newSize) {
        requireSize(oldSize, "oldSize");
        requireSize(newSize, "newSize");
        if (oldSize == 0) {
            throw new IllegalArgumentException("oldSize must be at least 1");
        }
        if (oldSize > newSize) {
            throw new IllegalArgumentException("oldSize " + oldSize + " is larger than newSize " + newSize);
        }
    }

    private static void requireHash(byte[] hash, String name) {
        if (!isHash(hash)) {
            throw new IllegalArgumentException(name + " must be " + HASH_BYTES + " bytes");
        }
    }

    private static void requireStoredHash(NodeId id, byte[] hash) {
        if (hash.length != HASH_BYTES) {
            throw new IllegalStateException("perfect node " + id + " has " + hash.length + " bytes, not " + HASH_BYTES);
        }
    }

    private static boolean isHash(byte[] hash) {
        return hash != null && hash.length == HASH_BYTES;
    }

    private static boolean isPath(List<byte[]> path) {
        if (path == null) {
            return false;
        }
        for (byte[] p : path) {
            if (!isHash(p)) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
