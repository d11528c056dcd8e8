package dev.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.request.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Validation of the small JSON bodies of the classification API; every problem names its field. */
final class Requests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Requests() {}

    static JsonNode jsonObject(byte[] raw) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalidRequest(null, "The request body is not valid UTF-8.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            throw ApiException.invalidRequest(null, "The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalidRequest(null, "The request body must be a JSON object.");
        }
        return node;
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
