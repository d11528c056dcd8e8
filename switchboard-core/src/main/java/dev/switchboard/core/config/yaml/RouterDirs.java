package dev.switchboard.core.config.yaml;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks that a configured path is a router directory written by {@code switchboard train router}. */
final class RouterDirs {

    static final String HINT = "train one with `switchboard train router --data outcomes.jsonl --out DIR`";

    private RouterDirs() {}

    /** Reports an error at {@code node.key} and returns false when {@code path} is not a router directory. */
    static boolean check(ConfigNode node, String key, String path) {
        Path dir = Path.of(path);
        if (!Files.isDirectory(dir)) {
            node.error(key, "no router directory at `" + path + "`", HINT);
            return false;
        }
        if (!Files.isRegularFile(dir.resolve("manifest.json")) || !Files.isRegularFile(dir.resolve("weights.bin"))) {
            node.error(key, "`" + path + "` is not a router directory (needs manifest.json and weights.bin)", HINT);
            return false;
        }
        return true;
    }
}
