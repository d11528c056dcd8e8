package dev.switchboard.core.plugin.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Whether a completion is worth replaying to the next caller: a chat completion whose every choice ended because
 * the model was done ({@code finish_reason: stop}) — not cut off ({@code length}), not filtered
 * ({@code content_filter}), and not a request to run tools unless the cache is configured to keep those.
 */
final class ReplayableAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayableAnswer() {}

    static boolean test(byte[] completion, boolean toolCalls) {
        JsonNode root;
        try {
            root = JSON.readTree(completion);
        } catch (IOException e) {
            return false;
        }
        JsonNode choices = root == null ? null : root.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty() || root.has("error")) {
            return false;
        }
        for (JsonNode choice : choices) {
            String reason = choice.path("finish_reason").asText("");
            if (!reason.equals("stop") && !(toolCalls && reason.equals("tool_calls"))) {
                return false;
            }
        }
        return true;
    }
}
