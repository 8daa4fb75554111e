package org.ipledger.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.ipledger.journal.Merkle.NodeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MerkleTest {

    /** Tree sizes checked exhaustively: 1..MAX_SIZE, every leaf, every old size. */
    private static final int MAX_SIZE = 130;

    private static final HexFormat HEX = HexFormat.of();

    /** Leaf inputs 0..MAX_SIZE (one more than the largest tree, for the "wrong size" checks). */
    private static List<byte[]> inputs;
    /** The perfect nodes stored after each append: nodesAt.get(n) holds those of the tree of n leaves. */
    private static List<Map<NodeId, byte[]>> nodesAt;
    /** Reference MTH of the first n leaves, n = 0..MAX_SIZE + 1. */
    private static List<byte[]> roots;

    @BeforeAll
    static void appendLeavesOneByOne() {
        inputs = new ArrayList<>();
        for (int i = 0; i <= MAX_SIZE; i++) {
            // Lengths vary, the first is empty.
            inputs.add(("leaf " + i + " ").repeat(i % 5).getBytes(StandardCharsets.UTF_8));
        }
        nodesAt = new ArrayList<>();
        Map<NodeId, byte[]> store = new HashMap<>();
        nodesAt.add(Map.copyOf(store));
        for (int i = 0; i < inputs.size(); i++) {
            for (Map.Entry<NodeId, byte[]> completed : Merkle.nodesCompletedBy(i, Merkle.leafHash(inputs.get(i)), store::get)) {
                byte[] before = store.put(completed.getKey(), completed.getValue());
                assertEquals(null, before, "a perfect node is completed once: " + completed.getKey());
            }
            nodesAt.add(Map.copyOf(store));
        }
        roots = new ArrayList<>();
        for (int n = 0; n <= inputs.size(); n++) {
            roots.add(Reference.mth(inputs.subList(0, n)));
        }
    }

    /** Only the nodes asked for, as one database query would return them; all must be stored. */
    private static Map<NodeId, byte[]> fetch(Set<NodeId> ids, int treeSize) {
        Map<NodeId, byte[]> stored = nodesAt.get(treeSize);
        Map<NodeId, byte[]> fetched = new HashMap<>();
        for (NodeId id : ids) {
            assertTrue(stored.containsKey(id), id + " is not complete in a tree of " + treeSize);
            fetched.put(id, stored.get(id));
        }
        return fetched;
    }

    private static void assertLogarithmic(Set<NodeId> ids, long treeSize) {
        int bits = 64 - Long.numberOfLeadingZeros(treeSize);
        assertTrue(ids.size() <= 2 * bits, ids.size() + " nodes for a tree of " + treeSize);
        for (NodeId id : ids) {
            assertTrue(id.end() <= treeSize, id + " lies outside a tree of " + treeSize);
        }
    }

    private static byte[] leafHash(int i) {
        return Reference.sha256(new byte[] {0x00}, inputs.get(i));
    }

    // ---------------------------------------------------------------------------------------------
    // Known answers

    private static final List<byte[]> CT_INPUTS = hexList("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    /** Published roots of the first n of CT_INPUTS, n = 0..8 (RFC 6962 test data). */
    private static final List<byte[]> CT_ROOTS = hexList(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static final String H1 = "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7";
    private static final String H4 = "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b";
    private static final String H23 = "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e";
    private static final String H45 = "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a";
    private static final String H67 = "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0";
    private static final String H4567 = "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4";
    private static final String H0123 = "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7";

    private static List<byte[]> hexList(String... hex) {
        List<byte[]> out = new ArrayList<>();
        for (String h : hex) {
            out.add(HEX.parseHex(h));
        }
        return out;
    }

    private static Map<NodeId, byte[]> appendAll(List<byte[]> leafInputs) {
        Map<NodeId, byte[]> store = new HashMap<>();
        for (int i = 0; i < leafInputs.size(); i++) {
            for (Map.Entry<NodeId, byte[]> e : Merkle.nodesCompletedBy(i, Merkle.leafHash(leafInputs.get(i)), store::get)) {
                store.put(e.getKey(), e.getValue());
            }
        }
        return store;
    }

    private static void assertHashes(List<byte[]> expected, List<byte[]> actual) {
        List<String> e = new ArrayList<>();
        expected.forEach(h -> e.add(HEX.formatHex(h)));
        List<String> a = new ArrayList<>();
        actual.forEach(h -> a.add(HEX.formatHex(h)));
        assertEquals(e, a);
    }

    @Test
    void emptyTreeRootIsSha256OfTheEmptyString() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HEX.formatHex(Merkle.emptyRoot()));
        assertArrayEquals(Merkle.emptyRoot(), Merkle.root(0, Map.of()));
        assertEquals(Set.of(), Merkle.nodesForRoot(0));
    }

    @Test
    void oneLeafTreeRootIsTheLeafHashOfItsInput() {
        // SHA-256(0x00) for the empty input.
        assertEquals("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                HEX.formatHex(Merkle.leafHash(new byte[0])));
        byte[] leaf = Merkle.leafHash("pledge".getBytes(StandardCharsets.UTF_8));
        Map<NodeId, byte[]> nodes = Map.of(new NodeId(0, 0), leaf);
        assertEquals(Set.of(new NodeId(0, 0)), Merkle.nodesForRoot(1));
        assertArrayEquals(leaf, Merkle.root(1, nodes));
        assertEquals(List.of(), Merkle.inclusionProof(0, 1, nodes));
        assertTrue(Merkle.verifyInclusion(leaf, 0, 1, List.of(), leaf));
    }

    @Test
    void leafAndNodeHashesPrefixZeroAndOne() {
        byte[] left = Merkle.leafHash(new byte[] {1});
        byte[] right = Merkle.leafHash(new byte[] {2});
        assertArrayEquals(Reference.sha256(new byte[] {0}, new byte[] {1}), left);
        assertArrayEquals(Reference.sha256(new byte[] {1}, left, right), Merkle.nodeHash(left, right));
    }

    @Test
    void rootsOfTheCertificateTransparencyTestLeavesAreThePublishedOnes() {
        Map<NodeId, byte[]> store = appendAll(CT_INPUTS);
        for (int n = 0; n <= 8; n++) {
            assertEquals(HEX.formatHex(CT_ROOTS.get(n)), HEX.formatHex(Merkle.root(n, store)), "size " + n);
            assertEquals(HEX.formatHex(CT_ROOTS.get(n)), HEX.formatHex(Reference.mth(CT_INPUTS.subList(0, n))),
                    "the reference at size " + n);
        }
    }

    @Test
    void publishedInclusionAndConsistencyProofsAreReproducedAndVerify() {
        Map<NodeId, byte[]> store = appendAll(CT_INPUTS);
        byte[] root8 = CT_ROOTS.get(8);

        List<byte[]> leaf0 = hexList(H1, H23, H4567);
        assertHashes(leaf0, Merkle.inclusionProof(0, 8, store));
        assertHashes(leaf0, Reference.path(0, CT_INPUTS));
        assertTrue(Merkle.verifyInclusion(Merkle.leafHash(CT_INPUTS.get(0)), 0, 8, leaf0, root8));

        List<byte[]> leaf5 = hexList(H4, H67, H0123);
        assertHashes(leaf5, Merkle.inclusionProof(5, 8, store));
        assertHashes(leaf5, Reference.path(5, CT_INPUTS));
        assertTrue(Merkle.verifyInclusion(Merkle.leafHash(CT_INPUTS.get(5)), 5, 8, leaf5, root8));

        List<byte[]> from1 = hexList(H1, H23, H4567);
        assertHashes(from1, Merkle.consistencyProof(1, 8, store));
        assertTrue(Merkle.verifyConsistency(1, 8, CT_ROOTS.get(1), root8, from1));

        List<byte[]> from6 = hexList(H45, H67, H0123);
        assertHashes(from6, Merkle.consistencyProof(6, 8, store));
        assertHashes(from6, Reference.proof(6, CT_INPUTS));
        assertTrue(Merkle.verifyConsistency(6, 8, CT_ROOTS.get(6), root8, from6));

        List<byte[]> from2to5 = hexList(H23, H4);
        assertHashes(from2to5, Merkle.consistencyProof(2, 5, store));
        assertHashes(from2to5, Reference.proof(2, CT_INPUTS.subList(0, 5)));
        assertTrue(Merkle.verifyConsistency(2, 5, CT_ROOTS.get(2), CT_ROOTS.get(5), from2to5));
    }

    // ---------------------------------------------------------------------------------------------
    // Perfect nodes

    @Test
    void appendingALeafCompletesExactlyThePerfectNodesEndingAtIt() {
        for (int i = 0; i < MAX_SIZE; i++) {
            Map<NodeId, byte[]> before = nodesAt.get(i);
            List<Map.Entry<NodeId, byte[]>> completed = Merkle.nodesCompletedBy(i, leafHash(i), before::get);
            int levels = Long.numberOfTrailingZeros(~(long) i) + 1; // the leaf, then one per trailing 1 bit
            assertEquals(levels, completed.size(), "leaf " + i);
            for (int level = 0; level < levels; level++) {
                NodeId id = completed.get(level).getKey();
                assertEquals(new NodeId(level, (long) i >> level), id);
                assertEquals(i + 1, id.end());
                assertArrayEquals(Reference.mth(inputs.subList((int) id.start(), (int) id.end())),
                        completed.get(level).getValue(), id.toString());
            }
            assertEquals(nodesAt.get(i + 1).size(), before.size() + levels);
        }
    }

    @Test
    void appendingALeafWhoseLeftSiblingIsNotStoredIsAnIllegalState() {
        assertThrows(IllegalStateException.class, () -> Merkle.nodesCompletedBy(3, leafHash(3), id -> null));
        // Leaf 0 closes nothing, so it needs nothing.
        assertEquals(1, Merkle.nodesCompletedBy(0, leafHash(0), id -> null).size());
    }

    @Test
    void nodesCompletedEarlierInTheSameBatchServeAsLeftSiblings() {
        Map<NodeId, byte[]> batch = new HashMap<>();
        Function<NodeId, byte[]> sees = batch::get;
        for (int i = 0; i < 8; i++) {
            Merkle.nodesCompletedBy(i, leafHash(i), sees).forEach(e -> batch.put(e.getKey(), e.getValue()));
        }
        assertArrayEquals(roots.get(8), batch.get(new NodeId(3, 0)));
    }

    @Test
    void decomposeCutsARangeIntoMaximalAlignedPerfectSubtrees() {
        assertEquals(List.of(new NodeId(0, 3), new NodeId(2, 1), new NodeId(3, 1), new NodeId(1, 8)),
                Merkle.decompose(3, 18));
        assertEquals(List.of(new NodeId(6, 0), new NodeId(1, 32)), Merkle.decompose(0, 66));
        assertEquals(List.of(), Merkle.decompose(5, 5));
        for (int a = 0; a <= 70; a++) {
            for (int b = a; b <= 70; b++) {
                long at = a;
                for (NodeId id : Merkle.decompose(a, b)) {
                    assertEquals(at, id.start());
                    at = id.end();
                }
                assertEquals(b, at);
            }
        }
    }

    @Test
    void rootFromPerfectNodesEqualsTheReferenceMthForEverySize() {
        for (int n = 1; n <= MAX_SIZE; n++) {
            Set<NodeId> ids = Merkle.nodesForRoot(n);
            assertEquals(Long.bitCount(n), ids.size(), "one node per set bit of " + n);
            assertLogarithmic(ids, n);
            assertArrayEquals(roots.get(n), Merkle.root(n, fetch(ids, n)), "size " + n);
        }
    }

    @Test
    void inclusionProofFromPerfectNodesIsTheReferencePathAndVerifiesForEveryLeaf() {
        int proofs = 0;
        for (int n = 1; n <= MAX_SIZE; n++) {
            List<byte[]> tree = inputs.subList(0, n);
            for (int i = 0; i < n; i++) {
                Set<NodeId> ids = Merkle.nodesForInclusion(i, n);
                assertLogarithmic(ids, n);
                List<byte[]> proof = Merkle.inclusionProof(i, n, fetch(ids, n));
                assertHashes(Reference.path(i, tree), proof);
                assertTrue(Merkle.verifyInclusion(leafHash(i), i, n, proof, roots.get(n)), i + " in " + n);
                proofs++;
            }
        }
        assertEquals(MAX_SIZE * (MAX_SIZE + 1) / 2, proofs);
    }

    @Test
    void consistencyProofFromPerfectNodesIsTheReferenceProofAndVerifiesForEveryOldSize() {
        for (int n = 1; n <= MAX_SIZE; n++) {
            List<byte[]> tree = inputs.subList(0, n);
            for (int m = 1; m <= n; m++) {
                Set<NodeId> ids = Merkle.nodesForConsistency(m, n);
                assertLogarithmic(ids, n);
                List<byte[]> proof = Merkle.consistencyProof(m, n, fetch(ids, n));
                assertHashes(Reference.proof(m, tree), proof);
                assertTrue(Merkle.verifyConsistency(m, n, roots.get(m), roots.get(n), proof), m + " to " + n);
            }
        }
    }

    @Test
    void nodeSetsStayLogarithmicInHugeTrees() {
        long[] sizes = {Long.MAX_VALUE, (1L << 40) + 12345, (1L << 62), 1_000_000_007L};
        for (long n : sizes) {
            assertLogarithmic(Merkle.nodesForRoot(n), n);
            for (long i : new long[] {0, 1, n / 3, n / 2, n - 2, n - 1}) {
                assertLogarithmic(Merkle.nodesForInclusion(i, n), n);
            }
            for (long m : new long[] {1, 2, 3, n / 3, n / 2 + 1, n - 1, n}) {
                assertLogarithmic(Merkle.nodesForConsistency(m, n), n);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Tampering

    private static byte[] flipped(byte[] hash, int at) {
        byte[] copy = hash.clone();
        copy[at % copy.length] ^= 0x01;
        return copy;
    }

    private static List<byte[]> with(List<byte[]> proof, int index, byte[] value) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.set(index, value);
        return copy;
    }

    private static final byte[] STRANGER = Reference.sha256("a hash from nowhere".getBytes(StandardCharsets.UTF_8));

    @Test
    void tamperedInclusionProofsFail() {
        for (int n = 1; n <= MAX_SIZE; n++) {
            byte[] root = roots.get(n);
            for (int i = 0; i < n; i++) {
                List<byte[]> proof = Merkle.inclusionProof(i, n, nodesAt.get(n));
                byte[] leaf = leafHash(i);
                String at = "leaf " + i + " of " + n;
                for (int j = 0; j < proof.size(); j++) {
                    assertFalse(Merkle.verifyInclusion(leaf, i, n, with(proof, j, flipped(proof.get(j), i + j)), root),
                            "flipped byte in element " + j + ", " + at);
                }
                assertFalse(Merkle.verifyInclusion(flipped(leaf, i), i, n, proof, root), "flipped leaf, " + at);
                assertFalse(Merkle.verifyInclusion(leaf, i, n, proof, flipped(root, n)), "flipped root, " + at);
                if (i > 0) {
                    assertFalse(Merkle.verifyInclusion(leaf, i - 1, n, proof, root), "index - 1, " + at);
                    assertFalse(Merkle.verifyInclusion(leafHash(i - 1), i, n, proof, root), "other leaf, " + at);
                }
                if (i + 1 < n) {
                    assertFalse(Merkle.verifyInclusion(leaf, i + 1, n, proof, root), "index + 1, " + at);
                }
                // A wrong size is checked against the root a head of that size would carry.
                assertFalse(Merkle.verifyInclusion(leaf, i, n + 1, proof, roots.get(n + 1)), "size + 1, " + at);
                if (i < n - 1) {
                    assertFalse(Merkle.verifyInclusion(leaf, i, n - 1, proof, roots.get(n - 1)), "size - 1, " + at);
                }
                assertFalse(Merkle.verifyInclusion(leaf, n, n, proof, root), "index == size, " + at);
                if (!proof.isEmpty()) {
                    assertFalse(Merkle.verifyInclusion(leaf, i, n, proof.subList(0, proof.size() - 1), root),
                            "truncated, " + at);
                    assertFalse(Merkle.verifyInclusion(leaf, i, n, proof.subList(1, proof.size()), root),
                            "first element dropped, " + at);
                }
                List<byte[]> longer = new ArrayList<>(proof);
                longer.add(STRANGER);
                assertFalse(Merkle.verifyInclusion(leaf, i, n, longer, root), "extra element, " + at);
            }
        }
    }

    @Test
    void tamperedConsistencyProofsFail() {
        for (int n = 2; n <= MAX_SIZE; n++) {
            byte[] newRoot = roots.get(n);
            for (int m = 1; m < n; m++) {
                byte[] oldRoot = roots.get(m);
                List<byte[]> proof = Merkle.consistencyProof(m, n, nodesAt.get(n));
                String at = m + " to " + n;
                for (int j = 0; j < proof.size(); j++) {
                    assertFalse(Merkle.verifyConsistency(m, n, oldRoot, newRoot, with(proof, j, flipped(proof.get(j), m + j))),
                            "flipped byte in element " + j + ", " + at);
                }
                assertFalse(Merkle.verifyConsistency(m, n, flipped(oldRoot, m), newRoot, proof), "flipped old root, " + at);
                assertFalse(Merkle.verifyConsistency(m, n, oldRoot, flipped(newRoot, n), proof), "flipped new root, " + at);
                assertFalse(Merkle.verifyConsistency(m + 1, n, roots.get(m + 1), newRoot, proof), "old size + 1, " + at);
                if (m > 1) {
                    assertFalse(Merkle.verifyConsistency(m - 1, n, roots.get(m - 1), newRoot, proof), "old size - 1, " + at);
                }
                assertFalse(Merkle.verifyConsistency(m, n + 1, oldRoot, roots.get(n + 1), proof), "new size + 1, " + at);
                if (m < n - 1) {
                    assertFalse(Merkle.verifyConsistency(m, n - 1, oldRoot, roots.get(n - 1), proof), "new size - 1, " + at);
                }
                assertFalse(Merkle.verifyConsistency(m, n, oldRoot, newRoot, proof.subList(0, proof.size() - 1)),
                        "truncated, " + at);
                assertFalse(Merkle.verifyConsistency(m, n, oldRoot, newRoot, proof.subList(1, proof.size())),
                        "first element dropped, " + at);
                List<byte[]> longer = new ArrayList<>(proof);
                longer.add(STRANGER);
                assertFalse(Merkle.verifyConsistency(m, n, oldRoot, newRoot, longer), "extra element, " + at);
                assertFalse(Merkle.verifyConsistency(n, m, newRoot, oldRoot, proof), "sizes swapped, " + at);
            }
        }
    }

    @Test
    void equalSizesAreConsistentOnlyWithAnEmptyProofAndEqualRoots() {
        assertEquals(List.of(), Merkle.consistencyProof(5, 5, nodesAt.get(5)));
        assertEquals(Set.of(), Merkle.nodesForConsistency(5, 5));
        assertTrue(Merkle.verifyConsistency(5, 5, roots.get(5), roots.get(5), List.of()));
        assertFalse(Merkle.verifyConsistency(5, 5, roots.get(5), roots.get(6), List.of()));
        assertFalse(Merkle.verifyConsistency(5, 5, roots.get(5), roots.get(5), List.of(roots.get(5))));
    }

    @Test
    void verifiersReturnFalseOnMalformedInputInsteadOfThrowing() {
        byte[] leaf = leafHash(2);
        byte[] root = roots.get(5);
        List<byte[]> proof = Merkle.inclusionProof(2, 5, nodesAt.get(5));
        assertTrue(Merkle.verifyInclusion(leaf, 2, 5, proof, root));
        assertFalse(Merkle.verifyInclusion(null, 2, 5, proof, root));
        assertFalse(Merkle.verifyInclusion(leaf, 2, 5, null, root));
        assertFalse(Merkle.verifyInclusion(leaf, 2, 5, proof, null));
        assertFalse(Merkle.verifyInclusion(new byte[31], 2, 5, proof, root));
        assertFalse(Merkle.verifyInclusion(leaf, 2, 5, proof, new byte[33]));
        assertFalse(Merkle.verifyInclusion(leaf, 2, 5, with(proof, 0, new byte[31]), root));
        List<byte[]> withNull = new ArrayList<>(proof);
        withNull.set(0, null);
        assertFalse(Merkle.verifyInclusion(leaf, 2, 5, withNull, root));
        assertFalse(Merkle.verifyInclusion(leaf, -1, 5, proof, root));
        assertFalse(Merkle.verifyInclusion(leaf, 2, -5, proof, root));
        assertFalse(Merkle.verifyInclusion(leaf, 0, 0, List.of(), Merkle.emptyRoot()));
        assertFalse(Merkle.verifyInclusion(leaf, Long.MAX_VALUE - 1, Long.MAX_VALUE, proof, root));

        List<byte[]> cproof = Merkle.consistencyProof(3, 5, nodesAt.get(5));
        byte[] old = roots.get(3);
        assertTrue(Merkle.verifyConsistency(3, 5, old, root, cproof));
        assertFalse(Merkle.verifyConsistency(3, 5, null, root, cproof));
        assertFalse(Merkle.verifyConsistency(3, 5, old, null, cproof));
        assertFalse(Merkle.verifyConsistency(3, 5, old, root, null));
        assertFalse(Merkle.verifyConsistency(3, 5, new byte[0], root, cproof));
        assertFalse(Merkle.verifyConsistency(3, 5, old, root, with(cproof, 0, new byte[31])));
        assertFalse(Merkle.verifyConsistency(3, 5, old, root, List.of()));
        assertFalse(Merkle.verifyConsistency(0, 5, Merkle.emptyRoot(), root, List.of()));
        assertFalse(Merkle.verifyConsistency(-1, 5, old, root, cproof));
        assertFalse(Merkle.verifyConsistency(3, Long.MAX_VALUE, old, root, cproof));
    }

    // ---------------------------------------------------------------------------------------------
    // Arguments

    @Test
    void outOfRangeArgumentsAreIllegal() {
        Map<NodeId, byte[]> nodes = nodesAt.get(8);
        assertThrows(IllegalArgumentException.class, () -> Merkle.nodesForRoot(-1));
        assertThrows(IllegalArgumentException.class, () -> Merkle.root(-1, nodes));
        assertThrows(IllegalArgumentException.class, () -> Merkle.nodesForInclusion(8, 8));
        assertThrows(IllegalArgumentException.class, () -> Merkle.inclusionProof(8, 8, nodes));
        assertThrows(IllegalArgumentException.class, () -> Merkle.inclusionProof(-1, 8, nodes));
        assertThrows(IllegalArgumentException.class, () -> Merkle.inclusionProof(0, 0, nodes));
        assertThrows(IllegalArgumentException.class, () -> Merkle.inclusionProof(0, -1, nodes));
        assertThrows(IllegalArgumentException.class, () -> Merkle.nodesForConsistency(5, 4));
        assertThrows(IllegalArgumentException.class, () -> Merkle.consistencyProof(5, 4, nodes));
        assertThrows(IllegalArgumentException.class, () -> Merkle.consistencyProof(0, 4, nodes));
        assertThrows(IllegalArgumentException.class, () -> Merkle.nodesForConsistency(0, 4));
        assertThrows(IllegalArgumentException.class, () -> Merkle.consistencyProof(-1, 4, nodes));
        assertThrows(IllegalArgumentException.class, () -> Merkle.consistencyProof(1, -4, nodes));
        assertThrows(IllegalArgumentException.class, () -> Merkle.nodesCompletedBy(-1, leafHash(0), nodes::get));
        assertThrows(IllegalArgumentException.class, () -> Merkle.nodesCompletedBy(0, new byte[5], nodes::get));
        assertThrows(IllegalArgumentException.class, () -> new NodeId(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new NodeId(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new NodeId(63, 0));
    }

    @Test
    void aMissingPerfectNodeIsAnIllegalState() {
        Map<NodeId, byte[]> partial = new HashMap<>(fetch(Merkle.nodesForInclusion(5, 13), 13));
        partial.remove(partial.keySet().iterator().next());
        assertThrows(IllegalStateException.class, () -> Merkle.inclusionProof(5, 13, partial));
        assertThrows(IllegalStateException.class, () -> Merkle.root(13, Map.of()));
        assertThrows(IllegalStateException.class, () -> Merkle.consistencyProof(3, 13, Map.of()));
        Map<NodeId, byte[]> shortHash = new HashMap<>(fetch(Merkle.nodesForRoot(13), 13));
        shortHash.put(new NodeId(0, 12), new byte[3]);
        assertThrows(IllegalStateException.class, () -> Merkle.root(13, shortHash));
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * RFC 9162 section 2.1, written from its text and nothing else: recursion over lists of leaf
     * inputs, hashing every subtree from scratch.
     */
    static final class Reference {

        static byte[] sha256(byte[]... parts) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (byte[] part : parts) {
                    sha.update(part);
                }
                return sha.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }

        /** The largest power of two smaller than n, for n > 1. */
        static int k(int n) {
            int k = 1;
            while (k * 2 < n) {
                k *= 2;
            }
            return k;
        }

        /** MTH(D[n]). */
        static byte[] mth(List<byte[]> d) {
            int n = d.size();
            if (n == 0) {
                return sha256();
            }
            if (n == 1) {
                return sha256(new byte[] {0x00}, d.get(0));
            }
            int k = k(n);
            return sha256(new byte[] {0x01}, mth(d.subList(0, k)), mth(d.subList(k, n)));
        }

        /** PATH(m, D[n]). */
        static List<byte[]> path(int m, List<byte[]> d) {
            int n = d.size();
            List<byte[]> out = new ArrayList<>();
            if (n == 1) {
                return out;
            }
            int k = k(n);
            if (m < k) {
                out.addAll(path(m, d.subList(0, k)));
                out.add(mth(d.subList(k, n)));
            } else {
                out.addAll(path(m - k, d.subList(k, n)));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }

        /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
        static List<byte[]> proof(int m, List<byte[]> d) {
            return subproof(m, d, true);
        }

        static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
            int n = d.size();
            List<byte[]> out = new ArrayList<>();
            if (m == n) {
                if (!b) {
                    out.add(mth(d));
                }
                return out;
            }
            int k = k(n);
            if (m <= k) {
                out.addAll(subproof(m, d.subList(0, k), b));
                out.add(mth(d.subList(k, n)));
            } else {
                out.addAll(subproof(m - k, d.subList(k, n), false));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }
    }
}
