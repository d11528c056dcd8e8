package dev.switchboard.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * Tools a conversation depends on, which selection never drops: the one {@code tool_choice} names, and every tool an
 * assistant turn already called ({@code tool_calls}, legacy {@code function_call}) — a model answering a tool
 * result, or continuing a multi-step plan, must still see the tool it called.
 */
final class ProtectedTools {

    static final String TOOL_CHOICE = "tool_choice";
    static final String CALLED = "called";

    private ProtectedTools() {}

    /** Protected tool names, each with why it is protected. */
    static Map<String, String> of(JsonNode body) {
        Map<String, String> names = new HashMap<>();
        JsonNode choice = body.path("tool_choice");
        String chosen = choice.isObject() ? ToolTexts.name(choice) : null;
        if (chosen != null) {
            names.put(chosen, TOOL_CHOICE);
        }
        for (JsonNode message : body.path("messages")) {
            for (JsonNode call : message.path("tool_calls")) {
                String name = ToolTexts.name(call);
                if (name != null) {
                    names.putIfAbsent(name, CALLED);
                }
            }
            String legacy = message.path("function_call").path("name").asText("");
            if (!legacy.isBlank()) {
                names.putIfAbsent(legacy, CALLED);
            }
        }
        return names;
    }

    /** {@code tool_choice: "none"}: the client forbids tool calls, so the list is left exactly as sent. */
    static boolean toolsOff(JsonNode body) {
        return "none".equals(body.path("tool_choice").asText(""));
    }

    /** {@code tool_choice: "required"}: the model must call a tool, so the list may never end up empty. */
    static boolean toolRequired(JsonNode body) {
        return "required".equals(body.path("tool_choice").asText(""));
    }
}
