package dev.switchboard.server.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Finds the {@code usage} object in a completion body or in the SSE chunks of a stream, for token and cost
 * metrics. Only lines that mention {@code "usage"} are parsed, so relaying costs a byte scan, not a JSON parse.
 */
final class UsageReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long promptTokens = -1;
    private long completionTokens = -1;

    /** Reads a whole JSON completion. */
    void readBody(byte[] body) {
        readJson(new String(body, StandardCharsets.UTF_8));
    }

    /** Feeds streamed bytes; complete lines are inspected as they arrive. */
    void feed(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n') {
                inspectLine();
            } else if (line.size() < 1 << 20) {
                line.write(b);
            }
        }
    }

    private void inspectLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.startsWith("data:") && text.contains("\"usage\"")) {
            readJson(text.substring(5).trim());
        }
    }

    private void readJson(String json) {
        try {
            JsonNode usage = JSON.readTree(json).path("usage");
            if (usage.isObject()) {
                promptTokens = usage.path("prompt_tokens").asLong(0);
                completionTokens = usage.path("completion_tokens").asLong(0);
            }
        } catch (Exception e) {
            // Not JSON (an upstream error page, a truncated body): no usage to record.
        }
    }

    boolean found() {
        return promptTokens >= 0;
    }

    long promptTokens() {
        return promptTokens;
    }

    long completionTokens() {
        return completionTokens;
    }
}
