package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.KeyDigest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a secret comes from: its SHA-256 digest written in the file ({@code key_sha256}), a file holding it
 * ({@code key_file}), or the value itself, normally from the environment ({@code key: ${VAR}}). Exactly one.
 * Errors name the path and the problem, never the value.
 */
final class KeySources {

    /** Shorter secrets can be guessed; 16 characters is where random keys start to be out of reach. */
    static final int MIN_LENGTH = 16;

    private static final String MAKE_ONE = "generate one with `openssl rand -hex 24`";

    private KeySources() {}

    /** The digest of the entry's key, or null (and an error) when it has none, several, or a bad one. */
    static KeyDigest digest(ConfigNode node) {
        List<String> given = List.of("key_sha256", "key_file", "key").stream().filter(node::has).toList();
        if (given.size() != 1) {
            node.error(given.isEmpty() ? "missing the key: set one of `key`, `key_file` or `key_sha256`"
                    : "set only one of " + String.join(", ", given), "`key: ${MY_APP_KEY}` reads it from the "
                    + "environment; `key_sha256` holds its digest (`printf %s \"$KEY\" | sha256sum`)");
            return null;
        }
        return switch (given.get(0)) {
            case "key_sha256" -> fromHex(node);
            case "key_file" -> fromFile(node, "key_file");
            default -> fromValue(node, "key");
        };
    }

    /** The digest of a plain secret at {@code key} (e.g. the admin token), or null when absent or invalid. */
    static KeyDigest fromValue(ConfigNode node, String key) {
        String value = node.secret(key);
        if (value == null) {
            return null;
        }
        return checkedLength(node, key, value.strip()) ? KeyDigest.of(value.strip()) : null;
    }

    private static KeyDigest fromHex(ConfigNode node) {
        String hex = node.secret("key_sha256");
        if (hex == null) {
            return null;
        }
        try {
            return KeyDigest.parseHex(hex.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            node.error("key_sha256", "`key_sha256` must be " + KeyDigest.HEX_LENGTH
                    + " hexadecimal characters, a SHA-256 digest (the value is not shown here)",
                    "make it with `printf %s \"$KEY\" | sha256sum`");
            return null;
        }
    }

    private static KeyDigest fromFile(ConfigNode node, String key) {
        String file = node.stringOr(key, null);
        if (file == null || file.isBlank()) {
            node.check(file == null, key, "`" + key + "` must not be empty", null);
            return null;
        }
        try {
            String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            return checkedLength(node, key, value) ? KeyDigest.of(value) : null;
        } catch (IOException | RuntimeException e) {
            node.error(key, "cannot read the key file `" + file + "`",
                    "the file holds the key alone on one line, readable by the router");
            return null;
        }
    }

    private static boolean checkedLength(ConfigNode node, String key, String value) {
        return node.check(value.length() >= MIN_LENGTH, key, "the `" + key + "` value is shorter than "
                + MIN_LENGTH + " characters (the value is not shown here)", MAKE_ONE);
    }
}
