package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.DecisionRecordSettings;
import java.util.Set;

/** Reads {@code routing.decision_records}: where auto-routed requests are recorded for retraining the router. */
final class DecisionRecordsReader {

    static final Set<String> KEYS = Set.of("enabled", "path", "include_prompt", "max_file_bytes", "max_files");

    private DecisionRecordsReader() {}

    static DecisionRecordSettings read(ConfigNode node) {
        DecisionRecordSettings defaults = DecisionRecordSettings.DEFAULTS;
        node.rejectUnknown(KEYS);
        boolean enabled = node.boolOr("enabled", defaults.enabled());
        String path = node.stringOr("path", defaults.path());
        node.check(!path.isBlank(), "path", "`path` must not be empty", "e.g. /var/lib/switchboard/records.jsonl");
        boolean includePrompt = node.boolOr("include_prompt", defaults.includePrompt());
        long maxFileBytes = node.longOr("max_file_bytes", defaults.maxFileBytes());
        node.check(maxFileBytes >= 4096, "max_file_bytes", "`max_file_bytes` must be at least 4096",
                "a record with its embedding takes about 5 KB; the default is 67108864 (64 MiB)");
        int maxFiles = node.intOr("max_files", defaults.maxFiles());
        node.check(maxFiles >= 0 && maxFiles <= 1000, "max_files", "`max_files` must be between 0 and 1000",
                "how many rotated files to keep besides the current one; the default is 4");
        return new DecisionRecordSettings(enabled, path, includePrompt, maxFileBytes, maxFiles);
    }
}
