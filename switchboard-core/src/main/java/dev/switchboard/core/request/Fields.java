package dev.switchboard.core.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Typed checks of one JSON field, each failure an {@link ApiException} naming the field's path (such as
 * {@code messages[3].content}). A JSON {@code null} counts as absent for optional fields, as the OpenAI API has it.
 */
final class Fields {

    private Fields() {}

    static boolean absent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    static ApiException invalid(String path, String expectation) {
        return ApiException.invalidRequest(path, "'" + path + "' " + expectation);
    }

    static void requirePresent(JsonNode value, String path) {
        if (absent(value)) {
            throw ApiException.invalidRequest(path, "Missing required field '" + path + "'.");
        }
    }

    /** An optional finite number within [min, max]. */
    static void number(JsonNode value, String path, double min, double max) {
        if (absent(value)) {
            return;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw invalid(path, "must be a number between " + plain(min) + " and " + plain(max) + ".");
        }
        double v = value.doubleValue();
        if (v < min || v > max) {
            throw invalid(path, "must be between " + plain(min) + " and " + plain(max) + "; got " + value + ".");
        }
    }

    /** An optional whole number within [min, max]; 1.0 is a whole number too, as JSON does not tell them apart. */
    static void integer(JsonNode value, String path, long min, long max) {
        if (absent(value)) {
            return;
        }
        boolean whole = value.isIntegralNumber()
                || value.isNumber() && Double.isFinite(value.doubleValue()) && value.doubleValue() % 1 == 0;
        if (!whole || !value.canConvertToLong()) {
            throw invalid(path, "must be an integer between " + min + " and " + max + ".");
        }
        long v = value.longValue();
        if (v < min || v > max) {
            throw invalid(path, "must be between " + min + " and " + max + "; got " + v + ".");
        }
    }

    static void bool(JsonNode value, String path) {
        if (!absent(value) && !value.isBoolean()) {
            throw invalid(path, "must be a boolean.");
        }
    }

    static void string(JsonNode value, String path) {
        if (!absent(value) && !value.isTextual()) {
            throw invalid(path, "must be a string.");
        }
    }

    static void object(JsonNode value, String path) {
        if (!absent(value) && !value.isObject()) {
            throw invalid(path, "must be an object.");
        }
    }

    /** A required, non-blank string. */
    static String requireString(JsonNode value, String path) {
        requirePresent(value, path);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid(path, "must be a non-empty string.");
        }
        return value.asText();
    }

    /** An optional string from a fixed set. */
    static void oneOf(JsonNode value, String path, Set<String> allowed) {
        if (absent(value)) {
            return;
        }
        if (!value.isTextual() || !allowed.contains(value.asText())) {
            throw invalid(path, "must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
