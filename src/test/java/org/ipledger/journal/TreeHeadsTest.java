package org.ipledger.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TreeHeadsTest {

    static final Path DEV = Path.of("deploy", "dev");

    private static PrivateKey devPrivate;
    private static PublicKey devPublic;

    private static final byte[] ROOT = Merkle.leafHash("root".getBytes(StandardCharsets.UTF_8));
    private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");

    @BeforeAll
    static void readDevelopmentKeys() throws IOException {
        devPrivate = TreeHeads.readPrivateKey(Files.readString(DEV.resolve("journal-signing-key.pem")));
        devPublic = TreeHeads.readPublicKey(Files.readString(DEV.resolve("journal-signing-public.pem")));
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    @Test
    void signedMessageIsTheVersionedTextOfSizeRootAndTime() {
        byte[] root = new byte[32];
        root[0] = (byte) 0xfb;
        String expected = "ipledger-tree-head-v1\n42\n" + Base64.getEncoder().encodeToString(root)
                + "\n2026-11-25T12:00:00Z";
        assertEquals(expected, new String(TreeHeads.signedMessage(42, root, AT), StandardCharsets.UTF_8));
        assertTrue(expected.contains("\n+wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"), "standard base64 with padding");
        assertEquals("ipledger-tree-head-v1\n0\n" + Base64.getEncoder().encodeToString(root) + "\n2026-11-25T12:00:00.123Z",
                new String(TreeHeads.signedMessage(0, root, Instant.parse("2026-11-25T12:00:00.123Z")),
                        StandardCharsets.UTF_8));
    }

    @Test
    void aTreeHeadSignedWithTheDevelopmentKeyVerifiesWithItsPublicKey() {
        byte[] message = TreeHeads.signedMessage(42, ROOT, AT);
        byte[] signature = TreeHeads.sign(devPrivate, message);
        assertEquals(64, signature.length);
        assertTrue(TreeHeads.verify(devPublic, message, signature));
        assertArrayEquals(signature, TreeHeads.sign(devPrivate, message), "Ed25519 signatures are deterministic");
    }

    @Test
    void aChangedSizeRootOrTimestampNoLongerVerifies() {
        byte[] signature = TreeHeads.sign(devPrivate, TreeHeads.signedMessage(42, ROOT, AT));
        assertFalse(TreeHeads.verify(devPublic, TreeHeads.signedMessage(43, ROOT, AT), signature));
        assertFalse(TreeHeads.verify(devPublic, TreeHeads.signedMessage(41, ROOT, AT), signature));
        byte[] otherRoot = ROOT.clone();
        otherRoot[31] ^= 1;
        assertFalse(TreeHeads.verify(devPublic, TreeHeads.signedMessage(42, otherRoot, AT), signature));
        assertFalse(TreeHeads.verify(devPublic, TreeHeads.signedMessage(42, ROOT, AT.plusSeconds(1)), signature));
    }

    @Test
    void aSignatureByAnotherKeyDoesNotVerify() throws Exception {
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] message = TreeHeads.signedMessage(42, ROOT, AT);
        assertFalse(TreeHeads.verify(devPublic, message, TreeHeads.sign(other.getPrivate(), message)));
        assertFalse(TreeHeads.verify(other.getPublic(), message, TreeHeads.sign(devPrivate, message)));
    }

    @Test
    void aMalformedSignatureIsFalseNotAnException() {
        byte[] message = TreeHeads.signedMessage(42, ROOT, AT);
        byte[] signature = TreeHeads.sign(devPrivate, message);
        assertFalse(TreeHeads.verify(devPublic, message, new byte[0]));
        assertFalse(TreeHeads.verify(devPublic, message, new byte[3]));
        assertFalse(TreeHeads.verify(devPublic, message, new byte[64]));
        assertFalse(TreeHeads.verify(devPublic, message, null));
        assertFalse(TreeHeads.verify(devPublic, null, signature));
    }

    @Test
    void aValidSignatureWithBytesAppendedIsRefused() {
        // The JDK's Ed25519 verifier on its own accepts it; a signature is exactly 64 bytes.
        byte[] message = TreeHeads.signedMessage(42, ROOT, AT);
        byte[] signature = TreeHeads.sign(devPrivate, message);
        assertFalse(TreeHeads.verify(devPublic, message, Arrays.copyOf(signature, 65)));
        assertFalse(TreeHeads.verify(devPublic, message, Arrays.copyOf(signature, 128)));
        assertFalse(TreeHeads.verify(devPublic, message, Arrays.copyOf(signature, 63)));
    }

    @Test
    void aPemKeyRoundTripsThroughItsEncoding() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        PrivateKey priv = TreeHeads.readPrivateKey("comment line\n" + pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        PublicKey pub = TreeHeads.readPublicKey(pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        byte[] message = TreeHeads.signedMessage(1, ROOT, AT);
        assertTrue(TreeHeads.verify(pair.getPublic(), message, TreeHeads.sign(priv, message)));
        assertTrue(TreeHeads.verify(pub, message, TreeHeads.sign(pair.getPrivate(), message)));
    }

    @Test
    void keysThatAreNotEd25519AreRefused() throws Exception {
        // The RSA development pair for tokens sits beside the journal key.
        assertThrows(IllegalArgumentException.class,
                () -> TreeHeads.readPrivateKey(Files.readString(DEV.resolve("jwt-private.pem"))));
        assertThrows(IllegalArgumentException.class,
                () -> TreeHeads.readPublicKey(Files.readString(DEV.resolve("jwt-public.pem"))));
        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        assertThrows(IllegalArgumentException.class,
                () -> TreeHeads.readPrivateKey(pem("PRIVATE KEY", ed448.getPrivate().getEncoded())));
        assertThrows(IllegalArgumentException.class,
                () -> TreeHeads.readPublicKey(pem("PUBLIC KEY", ed448.getPublic().getEncoded())));
        byte[] message = TreeHeads.signedMessage(1, ROOT, AT);
        assertThrows(IllegalArgumentException.class, () -> TreeHeads.sign(ed448.getPrivate(), message));
        assertThrows(IllegalArgumentException.class, () -> TreeHeads.verify(ed448.getPublic(), message, new byte[64]));
    }

    @Test
    void pemTextWithoutTheExpectedBlockIsRefused() throws IOException {
        String publicPem = Files.readString(DEV.resolve("journal-signing-public.pem"));
        assertThrows(IllegalArgumentException.class, () -> TreeHeads.readPrivateKey(publicPem));
        assertThrows(IllegalArgumentException.class, () -> TreeHeads.readPublicKey(""));
        assertThrows(IllegalArgumentException.class, () -> TreeHeads.readPublicKey(null));
        assertThrows(IllegalArgumentException.class,
                () -> TreeHeads.readPublicKey("-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----\n"));
    }

    @Test
    void aSignedMessageNeedsAThirtyTwoByteRootAndANonNegativeSize() {
        assertThrows(IllegalArgumentException.class, () -> TreeHeads.signedMessage(-1, ROOT, AT));
        assertThrows(IllegalArgumentException.class, () -> TreeHeads.signedMessage(1, new byte[31], AT));
        assertThrows(IllegalArgumentException.class, () -> TreeHeads.signedMessage(1, ROOT, null));
    }
}
