package dev.switchboard.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 digest of a secret (a client API key or the admin token). The secret itself is never kept: the config
 * holds only this digest, and a presented secret is hashed and compared in constant time. {@link #toString()} says
 * nothing about the value, so a digest logged by accident reveals nothing either.
 */
public final class KeyDigest {

    /** Hex characters in a SHA-256 digest. */
    public static final int HEX_LENGTH = 64;

    private final byte[] digest;

    private KeyDigest(byte[] digest) {
        this.digest = digest;
    }

    /** The digest of {@code secret} (its UTF-8 bytes). */
    public static KeyDigest of(String secret) {
        return new KeyDigest(sha256(secret));
    }

    /** A digest written as 64 hex characters, as {@code sha256sum} prints it. */
    public static KeyDigest parseHex(String hex) {
        if (hex.length() != HEX_LENGTH) {
            throw new IllegalArgumentException("a SHA-256 digest has " + HEX_LENGTH + " hex characters");
        }
        return new KeyDigest(HexFormat.of().parseHex(hex));
    }

    /** True when {@code presented} hashes to this digest; the comparison takes the same time wherever they differ. */
    public boolean matches(String presented) {
        return matchesDigest(sha256(presented));
    }

    /** Constant-time comparison with an already computed digest. */
    public boolean matchesDigest(byte[] presentedDigest) {
        return MessageDigest.isEqual(digest, presentedDigest);
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyDigest other && MessageDigest.isEqual(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "KeyDigest[hidden]";
    }
}
