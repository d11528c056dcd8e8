package dev.switchboard.core.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads request bodies: strict UTF-8, then a JSON object, each failure a clear 400. */
public final class JsonBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBodies() {}

    public static ObjectNode parseObject(byte[] raw) {
        JsonNode node;
        try {
            node = JSON.readTree(decodeUtf8(raw));
        } catch (JsonProcessingException e) {
            throw ApiException.invalidRequest(null, "The request body is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalidRequest(null, "The request body must be a JSON object.");
        }
        return (ObjectNode) node;
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
