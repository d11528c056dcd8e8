package dev.switchboard.core.config.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A position in the YAML tree, with typed accessors that never throw: a bad value is recorded as a
 * {@link ConfigError} at its path and the accessor returns the default (or null), so reading carries on and every
 * problem in the file is reported in one go. Absent keys and explicit YAML nulls both count as "not set".
 */
final class ConfigNode {

    private final String path;
    private final JsonNode json;
    private final ReadContext context;

    private ConfigNode(String path, JsonNode json, ReadContext context) {
        this.path = path;
        this.json = json;
        this.context = context;
    }

    static ConfigNode root(JsonNode json, ReadContext context) {
        return new ConfigNode("", json == null ? MissingNode.getInstance() : json, context);
    }

    String path() {
        return path;
    }

    /** The path of {@code key} under this node; a null key means this node itself. */
    String pathOf(String key) {
        if (key == null) {
            return path;
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean isAbsent() {
        return json.isMissingNode() || json.isNull();
    }

    boolean has(String key) {
        return !child(key).isAbsent();
    }

    /** True for {@code []}; lets "at least one" checks stay quiet when the value was not a list at all. */
    boolean isEmptyList() {
        return json.isArray() && json.isEmpty();
    }

    /** Looks up an environment variable of the load; null when unset. */
    String envValue(String name) {
        return context.env(name);
    }

    ConfigNode child(String key) {
        return new ConfigNode(pathOf(key), json.path(key), context);
    }

    // ---- errors ----

    void error(String message, String hint) {
        context.error(path, message, hint);
    }

    void error(String key, String message, String hint) {
        context.error(pathOf(key), message, hint);
    }

    /** Records an error at {@code key} unless {@code ok}; returns {@code ok} for chaining into defaults. */
    boolean check(boolean ok, String key, String message, String hint) {
        if (!ok) {
            error(key, message, hint);
        }
        return ok;
    }

    // ---- structure ----

    /** Checks this node is a mapping (or absent); reports the wrong type otherwise. */
    boolean expectObject(String what) {
        if (isAbsent() || json.isObject()) {
            return true;
        }
        error("expected " + what + ", got " + describe(json), "write it as `key: value` lines indented below");
        return false;
    }

    /** The mapping at {@code key}; an absent node if it is not set or not a mapping (the latter is reported). */
    ConfigNode object(String key) {
        ConfigNode child = child(key);
        if (child.expectObject("a mapping")) {
            return child;
        }
        return new ConfigNode(child.path, MissingNode.getInstance(), context); // so its keys read as defaults
    }

    /** The elements of the list at {@code key}; empty if it is not set or not a list (the latter is reported). */
    List<ConfigNode> items(String key) {
        ConfigNode child = child(key);
        if (child.isAbsent()) {
            return List.of();
        }
        if (!child.json.isArray()) {
            child.error("expected a list, got " + describe(child.json), "write a YAML list: one `- item` per line");
            return List.of();
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < child.json.size(); i++) {
            items.add(new ConfigNode(child.path + "[" + i + "]", child.json.get(i), context));
        }
        return items;
    }

    /** Reads each element of the list at {@code key}; elements the reader returns null for are dropped. */
    <T> List<T> list(String key, Function<ConfigNode, T> reader) {
        List<T> values = new ArrayList<>();
        for (ConfigNode item : items(key)) {
            T value = reader.apply(item);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** Reports every key of this mapping that is not in {@code known}, with a "did you mean" hint. */
    void rejectUnknown(Set<String> known) {
        if (!json.isObject()) {
            return;
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                error(name, "unknown key `" + name + "`", Suggestions.hint(name, known, "keys"));
            }
        }
    }

    /** The raw text at {@code key} without reporting anything; for cross-checks that must not double-report. */
    String peekText(String key) {
        JsonNode value = json.path(key);
        return value.isTextual() ? value.textValue() : null;
    }

    // ---- scalars ----

    /** A required, non-blank string; null (and an error) if missing. */
    String string(String key) {
        if (!has(key)) {
            error(key, "missing required key `" + key + "`", null);
            return null;
        }
        String value = stringOr(key, null);
        if (value != null && value.isBlank()) {
            error(key, "`" + key + "` must not be empty", null);
        }
        return value;
    }

    String stringOr(String key, String fallback) {
        Scalar scalar = scalar(key);
        if (scalar == null) {
            return fallback;
        }
        if (!scalar.value.isTextual()) {
            String quoted = "\"" + scalar.value.asText() + "\"";
            error(key, "expected a string, got " + describe(scalar.value), "quote it: " + quoted);
            return fallback;
        }
        return scalar.value.textValue();
    }

    int intOr(String key, int fallback) {
        Long value = integer(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return value == null ? fallback : value.intValue();
    }

    long longOr(String key, long fallback) {
        Long value = integer(key, Long.MIN_VALUE, Long.MAX_VALUE);
        return value == null ? fallback : value;
    }

    double doubleOr(String key, double fallback) {
        Double value = optionalDouble(key);
        return value == null ? fallback : value;
    }

    /** A number, or null if not set. */
    Double optionalDouble(String key) {
        Scalar scalar = scalar(key);
        if (scalar == null) {
            return null;
        }
        if (scalar.value.isNumber()) {
            return scalar.value.doubleValue();
        }
        if (scalar.fromEnv) {
            try {
                return Double.parseDouble(scalar.value.textValue().trim());
            } catch (NumberFormatException ignored) {
                // reported below like any other non-number
            }
        }
        error(key, "expected a number, got " + describe(scalar.value), null);
        return null;
    }

    boolean boolOr(String key, boolean fallback) {
        Boolean value = optionalBool(key);
        return value == null ? fallback : value;
    }

    /** true or false, or null if not set. */
    Boolean optionalBool(String key) {
        Scalar scalar = scalar(key);
        if (scalar == null) {
            return null;
        }
        if (scalar.value.isBoolean()) {
            return scalar.value.booleanValue();
        }
        String text = scalar.fromEnv ? scalar.value.textValue().trim().toLowerCase(Locale.ROOT) : "";
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        error(key, "expected true or false, got " + describe(scalar.value), null);
        return null;
    }

    Duration durationOr(String key, Duration fallback) {
        Scalar scalar = scalar(key);
        if (scalar == null) {
            return fallback;
        }
        if (scalar.value.isIntegralNumber() && scalar.value.canConvertToLong() && scalar.value.longValue() >= 0) {
            return Duration.ofMillis(scalar.value.longValue());
        }
        try {
            if (scalar.value.isTextual()) {
                return Durations.parse(scalar.value.textValue());
            }
        } catch (IllegalArgumentException ignored) {
            // reported below with the expected syntax
        }
        error(key, "expected a duration, got " + describe(scalar.value), Durations.EXPECTED);
        return fallback;
    }

    /** An enum constant matched case-insensitively, with {@code -} accepted for {@code _}. */
    <E extends Enum<E>> E enumOr(String key, Class<E> type, E fallback) {
        String text = stringOr(key, null);
        if (text == null) {
            return fallback;
        }
        String wanted = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        error(key, "`" + text + "` is not a valid " + key, "expected one of: " + enumValues(type));
        return fallback;
    }

    /** A list of non-blank strings; the fallback if not set. */
    List<String> stringList(String key, List<String> fallback) {
        if (!has(key)) {
            return fallback;
        }
        List<String> values = new ArrayList<>();
        for (ConfigNode item : items(key)) {
            String value = item.stringOr(null, null);
            if (value != null && value.isBlank()) {
                item.error("an entry of `" + key + "` must not be empty", null);
            } else if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /**
     * A secret string (an API key, a token, a digest of one), or null if not set. Unlike {@link #stringOr}, an
     * error here never quotes the value: it would land in logs.
     */
    String secret(String key) {
        ConfigNode node = child(key);
        if (node.isAbsent()) {
            return null;
        }
        if (!node.json.isTextual()) {
            node.error("expected a string (the value is secret and not shown here)", "quote it");
            return null;
        }
        Scalar scalar = node.scalar(null);
        return scalar == null ? null : scalar.value.textValue();
    }

    // ---- internals ----

    /** A scalar value after environment substitution, or null if not set or not a scalar (the latter reported). */
    private Scalar scalar(String key) {
        ConfigNode node = key == null ? this : child(key);
        if (node.isAbsent()) {
            return null;
        }
        if (node.json.isContainerNode()) {
            node.error("expected a single value, got " + describe(node.json), null);
            return null;
        }
        if (node.json.isTextual() && EnvInterpolator.hasPlaceholder(node.json.textValue())) {
            return node.interpolated(node.json.textValue());
        }
        return new Scalar(node.json, false);
    }

    /** Null when a placeholder could not be resolved: that is reported, and a half-substituted value is not. */
    private Scalar interpolated(String text) {
        int errorsBefore = context.errorCount();
        String resolved = EnvInterpolator.interpolate(text, context::env, this::error);
        return context.errorCount() > errorsBefore ? null : new Scalar(TextNode.valueOf(resolved), true);
    }

    private Long integer(String key, long min, long max) {
        Scalar scalar = scalar(key);
        if (scalar == null) {
            return null;
        }
        Long value = asLong(scalar);
        if (value == null) {
            error(key, "expected a whole number, got " + describe(scalar.value), null);
        } else if (value < min || value > max) {
            error(key, value + " is out of range", "must be between " + min + " and " + max);
            return null;
        }
        return value;
    }

    private static Long asLong(Scalar scalar) {
        if (scalar.value.isIntegralNumber()) {
            return scalar.value.canConvertToLong() ? scalar.value.longValue() : null;
        }
        if (scalar.fromEnv) {
            try {
                return Long.parseLong(scalar.value.textValue().trim());
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    private static <E extends Enum<E>> String enumValues(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /** Names a value's YAML type for error messages, with a short excerpt of scalars. */
    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isTextual()) {
            return "the string \"" + abbreviate(value.textValue()) + "\"";
        }
        if (value.isBoolean()) {
            return "the boolean " + value.asText();
        }
        if (value.isNumber()) {
            return "the number " + value.asText();
        }
        return "`" + value.asText() + "`";
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /** @param fromEnv the value came from {@code ${...}} substitution, so it is text whatever type is wanted */
    private record Scalar(JsonNode value, boolean fromEnv) {}
}
