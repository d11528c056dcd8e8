package dev.switchboard.core.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads request bodies: strict UTF-8, then exactly one JSON object within {@link JsonLimits}; each failure is a
 * clear 400 and never anything else. Every JSON body the router accepts (chat completions, the classification API,
 * admin bodies) comes through here.
 */
public final class JsonBodies {

    /** Bodies larger than this are refused by the server before they get here (server.max_body_bytes). */
    private static final long MAX_DOCUMENT_BYTES = 256L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(JsonLimits.constraints(MAX_DOCUMENT_BYTES))
            .build())
            // `{...} garbage` is not one JSON document; Jackson would otherwise stop reading after the object
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {}

    /** Parses {@code raw} as one JSON object; throws {@link ApiException} (400) naming the problem otherwise. */
    public static ObjectNode parseObject(byte[] raw) {
        JsonNode node;
        try {
            node = JSON.readTree(decodeUtf8(raw));
        } catch (StreamConstraintsException e) {
            throw ApiException.invalidRequest(null, "The request body exceeds a parsing limit: " + limitOf(e));
        } catch (JsonProcessingException e) {
            throw ApiException.invalidRequest(null, "The request body is not valid JSON: "
                    + e.getOriginalMessage() + where(e.getLocation()));
        } catch (IOException e) {
            throw ApiException.invalidRequest(null, "The request body could not be read as JSON.");
        }
        if (node == null || node.isMissingNode()) {
            throw ApiException.invalidRequest(null, "The request body is empty; send a JSON object.");
        }
        if (!node.isObject()) {
            throw ApiException.invalidRequest(null, "The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    /**
     * Names the limit in words of the API rather than Jackson's (which names its own setter); the message never
     * quotes the offending input, which may be megabytes long.
     */
    private static String limitOf(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "arrays and objects nest deeper than " + JsonLimits.MAX_NESTING_DEPTH + " levels.";
        }
        if (message.contains("Number value length")) {
            return "a number is longer than " + JsonLimits.MAX_NUMBER_LENGTH + " characters.";
        }
        if (message.contains("Name length")) {
            return "a field name is longer than " + JsonLimits.MAX_NAME_LENGTH + " characters.";
        }
        return "the body or one of its strings is too long.";
    }

    /** Jackson leaves the location out of some errors; the message must still render. */
    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Decodes strictly: a malformed byte is an error, never a silent replacement character. */
    private static String decodeUtf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalidRequest(null, "The request body is not valid UTF-8.");
        }
    }
}
