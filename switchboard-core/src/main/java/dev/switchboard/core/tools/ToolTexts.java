package dev.switchboard.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What of a tool definition is embedded to judge its relevance: its name in words, its description, and the names
 * and descriptions of its parameters, as one line of text. MetaTool's descriptions are short; leading with the name
 * ("Finance Tool: ...") gave the better recall on the validation split (docs/tools.md).
 */
public final class ToolTexts {

    private static final int MAX_CHARS = 2000; // the encoder reads a few hundred tokens at most anyway

    private ToolTexts() {}

    /** The function object of an OpenAI tool ({@code {"type":"function","function":{...}}}), or the node itself. */
    public static JsonNode function(JsonNode tool) {
        JsonNode function = tool.get("function");
        return function != null && function.isObject() ? function : tool;
    }

    /** The tool's function name, or null when it has none (such a tool is never dropped). */
    public static String name(JsonNode tool) {
        JsonNode name = function(tool).get("name");
        return name != null && name.isTextual() && !name.asText().isBlank() ? name.asText() : null;
    }

    /** The text embedded for {@code tool}; {@code extra} (a catalogue's longer description) and tags are appended. */
    public static String text(JsonNode tool, String extra, List<String> tags) {
        JsonNode function = function(tool);
        StringBuilder text = new StringBuilder(words(name(tool) == null ? "" : name(tool))).append(": ")
                .append(function.path("description").asText(""));
        if (extra != null && !extra.isBlank()) {
            text.append(' ').append(extra);
        }
        appendParameters(text, function.path("parameters").path("properties"));
        if (!tags.isEmpty()) {
            text.append(" Tags: ").append(String.join(", ", tags)).append('.');
        }
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text.toString();
    }

    /** The text embedded for a request's tool. */
    public static String text(JsonNode tool) {
        return text(tool, null, List.of());
    }

    /** The name view: the function name in words ("get weather"), or the whole text for an unnamed tool. */
    public static String nameText(JsonNode tool) {
        String name = name(tool);
        return name == null || words(name).isBlank() ? text(tool) : words(name);
    }

    /** The description view: the function's description, or the whole text when it has none. */
    public static String descriptionText(JsonNode tool) {
        String description = function(tool).path("description").asText("");
        return description.isBlank() ? text(tool)
                : description.length() > MAX_CHARS ? description.substring(0, MAX_CHARS) : description;
    }

    private static void appendParameters(StringBuilder text, JsonNode properties) {
        if (!properties.isObject() || properties.isEmpty()) {
            return;
        }
        text.append(" Parameters: ");
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            text.append(words(field.getKey()));
            String description = field.getValue().path("description").asText("");
            if (!description.isBlank()) {
                text.append(" (").append(description).append(')');
            }
            text.append(fields.hasNext() ? ", " : ".");
        }
    }

    /** {@code get_weather} and {@code getWeather} read as "get weather"; {@code FinanceTool} as "Finance Tool". */
    static String words(String identifier) {
        return identifier.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ').trim();
    }
}
