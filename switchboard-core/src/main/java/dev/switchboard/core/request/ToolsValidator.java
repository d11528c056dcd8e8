package dev.switchboard.core.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks {@code tools} and {@code tool_choice}: tools an array of {@code {type: "function", function: {name, ...}}}
 * with unique names as OpenAI spells them, and a tool choice that is a mode or names one of those tools.
 */
final class ToolsValidator {

    /** OpenAI's rule for function names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> CHOICE_MODES = Set.of("none", "auto", "required");

    private ToolsValidator() {}

    static void validate(JsonNode body) {
        Set<String> names = tools(body.get("tools"));
        toolChoice(body.get("tool_choice"), names);
    }

    private static Set<String> tools(JsonNode tools) {
        Set<String> names = new HashSet<>();
        if (Fields.absent(tools)) {
            return names;
        }
        if (!tools.isArray()) {
            throw Fields.invalid("tools", "must be an array of tools.");
        }
        for (int i = 0; i < tools.size(); i++) {
            String name = tool(tools.get(i), "tools[" + i + "]");
            if (!names.add(name)) {
                throw ApiException.invalidRequest("tools[" + i + "].function.name",
                        "Tool name '" + name + "' at 'tools[" + i + "].function.name' is declared twice.");
            }
        }
        return names;
    }

    private static String tool(JsonNode tool, String path) {
        if (!tool.isObject()) {
            throw Fields.invalid(path, "must be an object.");
        }
        Fields.requirePresent(tool.get("type"), path + ".type");
        Fields.oneOf(tool.get("type"), path + ".type", Set.of("function"));
        JsonNode function = tool.get("function");
        Fields.requirePresent(function, path + ".function");
        Fields.object(function, path + ".function");
        String name = Fields.requireString(function.get("name"), path + ".function.name");
        if (!NAME.matcher(name).matches()) {
            throw Fields.invalid(path + ".function.name",
                    "must be 1-64 letters, digits, underscores or dashes.");
        }
        Fields.string(function.get("description"), path + ".function.description");
        Fields.object(function.get("parameters"), path + ".function.parameters");
        Fields.bool(function.get("strict"), path + ".function.strict");
        return name;
    }

    private static void toolChoice(JsonNode choice, Set<String> declared) {
        if (Fields.absent(choice)) {
            return;
        }
        if (choice.isTextual()) {
            Fields.oneOf(choice, "tool_choice", CHOICE_MODES);
            if (choice.asText().equals("required") && declared.isEmpty()) {
                throw Fields.invalid("tool_choice", "is 'required' but the request declares no tools.");
            }
            return;
        }
        if (!choice.isObject()) {
            throw Fields.invalid("tool_choice", "must be none, auto, required or {\"type\":\"function\","
                    + "\"function\":{\"name\":...}}.");
        }
        Fields.requirePresent(choice.get("type"), "tool_choice.type");
        Fields.oneOf(choice.get("type"), "tool_choice.type", Set.of("function"));
        JsonNode function = choice.get("function");
        Fields.requirePresent(function, "tool_choice.function");
        Fields.object(function, "tool_choice.function");
        String name = Fields.requireString(function.get("name"), "tool_choice.function.name");
        if (!declared.contains(name)) {
            throw ApiException.invalidRequest("tool_choice.function.name", "'tool_choice.function.name' ('"
                    + MessagesValidator.abbreviate(name) + "') names no tool declared in 'tools'.");
        }
    }
}
