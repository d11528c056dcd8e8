package dev.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.JsonBodies;
import java.util.ArrayList;
import java.util.List;

/** Validation of the small JSON bodies of the classification API; every problem names its field. */
final class Requests {

    private Requests() {}

    static JsonNode jsonObject(byte[] raw) {
        return JsonBodies.parseObject(raw);
    }

    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual()) {
            throw ApiException.invalidRequest(field, "'" + field + "' must be a string.");
        }
        if (v.asText().isBlank()) {
            throw ApiException.invalidRequest(field, "'" + field + "' must not be empty.");
        }
        return v.asText();
    }

    static List<String> texts(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw ApiException.invalidRequest(field, "'" + field + "' must be a non-empty array of strings.");
        }
        if (v.size() > max) {
            throw ApiException.invalidRequest(field, "'" + field + "' holds " + v.size()
                    + " texts; at most " + max + " per batch.");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode t = v.get(i);
            if (!t.isTextual() || t.asText().isBlank()) {
                throw ApiException.invalidRequest(field + "[" + i + "]",
                        "'" + field + "[" + i + "]' must be a non-empty string.");
            }
            texts.add(t.asText());
        }
        return texts;
    }
}
