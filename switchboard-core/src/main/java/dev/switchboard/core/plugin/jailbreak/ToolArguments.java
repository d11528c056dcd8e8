package dev.switchboard.core.plugin.jailbreak;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The prose inside a tool call's {@code arguments}: its string values, one a line. The jailbreak head reads prose;
 * JSON punctuation and keys alone ({@code {}}, {@code {"id": 7}}) look like nothing it was trained on and must not
 * score as an attack, while an injection planted in an argument is a string value and is kept.
 */
final class ToolArguments {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Nesting followed; deeper values are not read (the request parser bounds depth anyway). */
    private static final int MAX_DEPTH = 32;

    private ToolArguments() {}

    /** The string values of {@code arguments} joined by newlines; the raw text when it is not JSON. */
    static String prose(String arguments) {
        try {
            StringBuilder out = new StringBuilder();
            collect(JSON.readTree(arguments), 0, out);
            return out.toString();
        } catch (JacksonException e) {
            return arguments;
        }
    }

    private static void collect(JsonNode node, int depth, StringBuilder out) {
        if (node == null || depth > MAX_DEPTH) {
            return;
        }
        if (node.isTextual()) {
            out.append(out.length() == 0 ? "" : "\n").append(node.asText());
        } else if (node.isContainerNode()) {
            node.elements().forEachRemaining(child -> collect(child, depth + 1, out));
        }
    }
}
