package dev.switchboard.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.guard.pii.RedactionMap;
import dev.switchboard.core.guard.pii.Restorer;
import dev.switchboard.core.guard.pii.StreamingRestorer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Puts redacted personal data back into a model's answer, so the user never sees a placeholder: in a whole
 * completion, or in a stream, chunk by chunk, where a placeholder may be split across chunks.
 */
public final class PiiRestorer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Restorer restorer;
    private final StreamingRestorer stream;
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();

    public PiiRestorer(RedactionMap map) {
        this.restorer = new Restorer(map);
        this.stream = restorer.streaming();
    }

    /** Restores every choice's message content of a whole completion. */
    public byte[] restoreCompletion(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            for (JsonNode choice : root.path("choices")) {
                JsonNode message = choice.path("message");
                if (message.path("content").isTextual()) {
                    ((ObjectNode) message).put("content", restorer.restore(message.get("content").asText()));
                }
            }
            return JSON.writeValueAsBytes(root);
        } catch (Exception e) {
            return body; // not a completion (an error body): nothing to restore
        }
    }

    /** Rewrites the complete SSE lines in {@code data}; a partial last line waits for the next chunk. */
    public byte[] restoreChunk(byte[] data) {
        partialLine.write(data, 0, data.length);
        String text = partialLine.toString(StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return new byte[0];
        }
        partialLine.reset();
        byte[] rest = text.substring(end + 1).getBytes(StandardCharsets.UTF_8);
        partialLine.write(rest, 0, rest.length);
        StringBuilder out = new StringBuilder();
        for (String line : text.substring(0, end + 1).split("\n", -1)) {
            out.append(line.startsWith("data:") ? restoreEvent(line) : line).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String restoreEvent(String line) {
        String payload = line.substring(5).trim();
        if (payload.equals("[DONE]")) {
            return line;
        }
        try {
            JsonNode chunk = JSON.readTree(payload);
            JsonNode choice = chunk.path("choices").path(0);
            if (!(choice.path("delta") instanceof ObjectNode delta)) {
                return line;
            }
            String restored = stream.feed(delta.path("content").asText(""));
            // the finishing chunk flushes whatever the restorer held back while it could still be a placeholder
            if (choice.hasNonNull("finish_reason")) {
                restored += stream.flush();
            }
            if (delta.has("content") || !restored.isEmpty()) {
                delta.put("content", restored);
            }
            return "data: " + JSON.writeValueAsString(chunk);
        } catch (Exception e) {
            return line;
        }
    }
}
