package dev.switchboard.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.response.Completions;
import java.nio.charset.StandardCharsets;

/**
 * Rebuilds a whole chat completion from the SSE lines of a stream, so a streamed answer can be cached like a
 * non-streamed one. Only plain-content answers that ended with {@code [DONE]} qualify: tool calls, several choices,
 * or a stream that broke off are never stored.
 */
public final class CompletionCollector {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder content = new StringBuilder();
    private String model;
    private String finishReason;
    private long promptTokens;
    private boolean done;
    private boolean unusable;

    public void readLine(String line) {
        if (unusable || !line.startsWith("data:")) {
            return;
        }
        String data = line.substring(5).trim();
        if (data.equals("[DONE]")) {
            done = true;
            return;
        }
        try {
            read(JSON.readTree(data));
        } catch (Exception e) {
            unusable = true;
        }
    }

    private void read(JsonNode chunk) {
        model = chunk.path("model").asText(model);
        promptTokens = chunk.path("usage").path("prompt_tokens").asLong(promptTokens);
        JsonNode choices = chunk.path("choices");
        if (choices.size() > 1 || chunk.has("error")) {
            unusable = true;
            return;
        }
        JsonNode choice = choices.path(0);
        JsonNode delta = choice.path("delta");
        if (delta.has("tool_calls") || delta.has("function_call") || choice.path("index").asInt(0) != 0) {
            unusable = true;
            return;
        }
        content.append(delta.path("content").asText(""));
        if (choice.hasNonNull("finish_reason")) {
            finishReason = choice.get("finish_reason").asText();
        }
    }

    /** The completion as a non-streaming body, or null when this stream must not be cached. */
    public byte[] completion() {
        if (!done || unusable || finishReason == null || content.length() == 0) {
            return null;
        }
        return Completions.completion(model, content.toString(), finishReason, promptTokens).toString()
                .getBytes(StandardCharsets.UTF_8);
    }
}
