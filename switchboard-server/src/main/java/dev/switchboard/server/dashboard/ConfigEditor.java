package dev.switchboard.server.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.yaml.ConfigError;
import dev.switchboard.core.config.yaml.ConfigException;
import dev.switchboard.core.config.yaml.ConfigLoader;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The config page's engine: validates YAML exactly as a reload would (every error with its YAML path), and applies
 * a valid version — the router reloads first, and only a version that built is written to the file, so the file
 * never holds a config the router refused. Every apply, refused or not, goes to the {@link AuditLog}.
 */
final class ConfigEditor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<SwitchboardConfig> reload;
    private final AuditLog audit = new AuditLog();
    private volatile ConfigSource source;

    /** @param reload swaps in a config; throws, leaving the old one serving, when it cannot be built */
    ConfigEditor(Consumer<SwitchboardConfig> reload) {
        this.reload = reload;
    }

    void source(ConfigSource source) {
        this.source = source;
    }

    /** {@code {"yaml": ..., "file": ..., "editable": ...}}; editable is false when no source was given. */
    ObjectNode current() {
        ConfigSource s = source;
        ObjectNode out = JSON.createObjectNode().put("editable", s != null);
        return s == null ? out : out.put("yaml", s.read()).put("file", s.file() == null ? null : s.file().toString());
    }

    /** {@code {"valid": bool, "errors": [{path, message, hint}]}}. */
    ObjectNode validate(String yaml) {
        List<ConfigError> errors = errors(yaml);
        ObjectNode out = JSON.createObjectNode().put("valid", errors.isEmpty());
        ArrayNode list = out.putArray("errors");
        errors.forEach(e -> list.addObject().put("path", e.path()).put("message", e.message()).put("hint", e.hint()));
        return out;
    }

    /** Applies {@code yaml} for {@code who}; the answer is {@link #validate}'s plus {@code applied}. */
    synchronized ObjectNode apply(String yaml, String who) {
        ConfigSource s = source;
        if (s == null) {
            return validate(yaml).put("applied", false).put("detail", "this router has no editable config source");
        }
        String before = s.read();
        ObjectNode result = validate(yaml);
        if (!result.path("valid").asBoolean()) {
            record(who, "rejected", before, yaml, result.path("errors").size() + " errors");
            return result.put("applied", false);
        }
        try {
            reload.accept(s.override(ConfigLoader.parse(yaml, s.name())));
        } catch (RuntimeException e) {
            record(who, "rejected", before, yaml, "did not build: " + e.getMessage());
            return result.put("valid", false).put("applied", false).put("detail", "did not build: " + e.getMessage());
        }
        s.write(yaml);
        record(who, "applied", before, yaml, s.file() == null ? null : "written to " + s.file().getFileName());
        return result.put("applied", true);
    }

    void auditTo(ArrayNode out) {
        audit.writeTo(out);
    }

    private List<ConfigError> errors(String yaml) {
        ConfigSource s = source;
        try {
            ConfigLoader.parse(yaml, s == null ? "config" : s.name());
            return List.of();
        } catch (ConfigException e) {
            return e.errors();
        }
    }

    private void record(String who, String outcome, String before, String after, String detail) {
        int[] changed = changedLines(before, after);
        audit.add(new AuditLog.Entry(Instant.now(), who, outcome, changed[0], changed[1], detail));
    }

    /** Lines added and removed, counted as multisets (enough for an audit line; the page shows the real diff). */
    static int[] changedLines(String before, String after) {
        Map<String, Integer> balance = new HashMap<>();
        before.lines().forEach(l -> balance.merge(l, -1, Integer::sum));
        after.lines().forEach(l -> balance.merge(l, 1, Integer::sum));
        int added = balance.values().stream().filter(v -> v > 0).mapToInt(v -> v).sum();
        int removed = balance.values().stream().filter(v -> v < 0).mapToInt(v -> -v).sum();
        return new int[] {added, removed};
    }
}
