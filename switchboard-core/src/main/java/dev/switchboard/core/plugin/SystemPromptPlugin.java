package dev.switchboard.core.plugin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.PluginConfig.SystemPrompt;
import dev.switchboard.core.request.ChatRequest;

/**
 * Puts a decision's system prompt into the request. {@code insert} keeps the client's own system text after the
 * decision's prompt; {@code replace} drops the client's system messages.
 */
public final class SystemPromptPlugin {

    private SystemPromptPlugin() {}

    public static void apply(ObjectNode body, SystemPrompt config) {
        ArrayNode messages = (ArrayNode) body.get("messages");
        int first = firstSystemIndex(messages);
        if (config.mode() == SystemPrompt.Mode.REPLACE) {
            removeSystemMessages(messages);
            messages.insert(0, systemMessage(messages, config.prompt()));
        } else if (first < 0) {
            messages.insert(0, systemMessage(messages, config.prompt()));
        } else {
            ObjectNode existing = (ObjectNode) messages.get(first);
            String clientText = ChatRequest.contentText(existing.get("content"));
            existing.put("content", clientText.isEmpty() ? config.prompt() : config.prompt() + "\n\n" + clientText);
        }
    }

    private static int firstSystemIndex(ArrayNode messages) {
        for (int i = 0; i < messages.size(); i++) {
            if ("system".equals(messages.get(i).path("role").asText())) {
                return i;
            }
        }
        return -1;
    }

    private static void removeSystemMessages(ArrayNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("system".equals(messages.get(i).path("role").asText())) {
                messages.remove(i);
            }
        }
    }

    private static ObjectNode systemMessage(ArrayNode messages, String prompt) {
        return messages.objectNode().put("role", "system").put("content", prompt);
    }
}
