package org.ipledger.journal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * Signed tree heads: the journal's size, its Merkle root and the time, signed with Ed25519. JDK only,
 * so a verifier needs nothing but a JDK.
 *
 * <p>The signed message is the UTF-8 text
 * <pre>
 * ipledger-tree-head-v1
 * &lt;treeSize in decimal&gt;
 * &lt;rootHash, standard base64 with padding&gt;
 * &lt;timestamp as Instant.toString(), e.g. 2026-11-25T12:00:00Z&gt;</pre>
 * with no newline after the timestamp.
 */
public final class TreeHeads {

    /** The JCA name of the signature algorithm, also the {@code algorithm} member of a tree head. */
    public static final String ALGORITHM = "Ed25519";

    /** Bytes in an Ed25519 signature (RFC 8032). */
    public static final int SIGNATURE_BYTES = 64;

    private static final String DOMAIN = "ipledger-tree-head-v1";

    private TreeHeads() {
    }

    /** The bytes a tree head's signature covers. */
    public static byte[] signedMessage(long treeSize, byte[] rootHash, Instant timestamp) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("treeSize must not be negative, was " + treeSize);
        }
        if (rootHash == null || rootHash.length != Merkle.HASH_BYTES) {
            throw new IllegalArgumentException("rootHash must be " + Merkle.HASH_BYTES + " bytes");
        }
        if (timestamp == null) {
            throw new IllegalArgumentException("timestamp is null");
        }
        String text = DOMAIN + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n"
                + timestamp;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Signs {@code message} with an Ed25519 private key.
     *
     * @throws IllegalArgumentException when the key is not an Ed25519 private key
     */
    public static byte[] sign(PrivateKey key, byte[] message) {
        if (key == null || message == null) {
            throw new IllegalArgumentException("key and message are required");
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException | SignatureException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * Whether {@code signature} is a valid Ed25519 signature of {@code message} under {@code key}.
     * False for a wrong, malformed or missing signature or message, and for any signature that is not
     * exactly 64 bytes (the JDK's verifier alone would accept a valid signature with bytes appended).
     *
     * @throws IllegalArgumentException when the key is not an Ed25519 public key (a configuration
     *                                  error, not a bad signature)
     */
    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (key == null) {
            throw new IllegalArgumentException("key is required");
        }
        Signature verifier;
        try {
            verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 is missing from this JDK", e);
        }
        if (message == null || signature == null || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            verifier.update(message);
            return verifier.verify(signature);
        } catch (SignatureException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Reads an Ed25519 private key from PEM text holding a PKCS#8 {@code PRIVATE KEY} block (what
     * {@code openssl genpkey -algorithm ed25519} writes).
     *
     * @throws IllegalArgumentException when there is no such block or it is not an Ed25519 key
     */
    public static PrivateKey readPrivateKey(String pem) {
        byte[] der = pemBlock(pem, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 PKCS#8 private key: " + e.getMessage(), e);
        }
    }

    /**
     * Reads an Ed25519 public key from PEM text holding an X.509 SubjectPublicKeyInfo
     * {@code PUBLIC KEY} block (what {@code openssl pkey -pubout} writes).
     *
     * @throws IllegalArgumentException when there is no such block or it is not an Ed25519 key
     */
    public static PublicKey readPublicKey(String pem) {
        byte[] der = pemBlock(pem, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 X.509 public key: " + e.getMessage(), e);
        }
    }

    /** The DER bytes of the first {@code -----BEGIN label-----} block of {@code pem}. */
    private static byte[] pemBlock(String pem, String label) {
        if (pem == null) {
            throw new IllegalArgumentException("PEM text is null");
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = from < 0 ? -1 : pem.indexOf(end, from + begin.length());
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("no " + label + " PEM block found");
        }
        String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + label + " PEM block is not base64: " + e.getMessage(), e);
        }
    }
}
