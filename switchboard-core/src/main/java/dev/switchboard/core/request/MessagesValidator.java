package dev.switchboard.core.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks {@code messages} the way the OpenAI chat completions API defines it: each message an object with a known
 * role; content a string or an array of the parts that role may send, and {@code null} only for an assistant
 * message that calls tools; a {@code tool} message answers a tool call an earlier assistant message made.
 */
final class MessagesValidator {

    static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    /** The content part types each role may send; the router reads text parts, the rest pass through. */
    private static final Map<String, Set<String>> PART_TYPES = Map.of(
            "system", Set.of("text"),
            "developer", Set.of("text"),
            "user", Set.of("text", "image_url", "input_audio", "file"),
            "assistant", Set.of("text", "refusal"),
            "tool", Set.of("text"),
            "function", Set.of("text"));

    /** Tool call ids the assistant messages so far have made; a tool message must answer one of them. */
    private final Set<String> toolCallIds = new HashSet<>();

    private MessagesValidator() {}

    static void validate(JsonNode messages) {
        Fields.requirePresent(messages, "messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw Fields.invalid("messages", "must be a non-empty array.");
        }
        MessagesValidator validator = new MessagesValidator();
        for (int i = 0; i < messages.size(); i++) {
            validator.message(messages.get(i), "messages[" + i + "]");
        }
    }

    private void message(JsonNode m, String path) {
        if (!m.isObject()) {
            throw Fields.invalid(path, "must be an object.");
        }
        JsonNode role = m.get("role");
        Fields.requirePresent(role, path + ".role");
        Fields.oneOf(role, path + ".role", ROLES);
        Fields.string(m.get("name"), path + ".name");
        switch (role.asText()) {
            case "assistant" -> assistant(m, path);
            case "tool" -> tool(m, path);
            case "function" -> function(m, path);
            default -> content(m.get("content"), path + ".content", role.asText(), true);
        }
    }

    private void assistant(JsonNode m, String path) {
        JsonNode calls = m.get("tool_calls");
        boolean callsTools = !Fields.absent(calls) || !Fields.absent(m.get("function_call"));
        content(m.get("content"), path + ".content", "assistant", !callsTools);
        Fields.string(m.get("refusal"), path + ".refusal");
        if (!Fields.absent(calls)) {
            toolCalls(calls, path + ".tool_calls");
        }
        Fields.object(m.get("function_call"), path + ".function_call");
    }

    private void toolCalls(JsonNode calls, String path) {
        if (!calls.isArray()) {
            throw Fields.invalid(path, "must be an array of tool calls.");
        }
        for (int i = 0; i < calls.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode call = calls.get(i);
            if (!call.isObject()) {
                throw Fields.invalid(at, "must be an object.");
            }
            toolCallIds.add(Fields.requireString(call.get("id"), at + ".id"));
            Fields.requirePresent(call.get("type"), at + ".type");
            Fields.oneOf(call.get("type"), at + ".type", Set.of("function"));
            JsonNode function = call.get("function");
            Fields.requirePresent(function, at + ".function");
            Fields.object(function, at + ".function");
            Fields.requireString(function.get("name"), at + ".function.name");
            Fields.requirePresent(function.get("arguments"), at + ".function.arguments");
            Fields.string(function.get("arguments"), at + ".function.arguments");
        }
    }

    private void tool(JsonNode m, String path) {
        content(m.get("content"), path + ".content", "tool", true);
        String id = Fields.requireString(m.get("tool_call_id"), path + ".tool_call_id");
        if (!toolCallIds.contains(id)) {
            throw ApiException.invalidRequest(path + ".tool_call_id", "'" + path + ".tool_call_id' ('"
                    + abbreviate(id) + "') answers no tool call of an earlier assistant message.");
        }
    }

    /** The deprecated function-calling form: a name, and content that may be null. */
    private void function(JsonNode m, String path) {
        Fields.requireString(m.get("name"), path + ".name");
        content(m.get("content"), path + ".content", "function", false);
    }

    private static void content(JsonNode content, String path, String role, boolean required) {
        if (Fields.absent(content)) {
            if (required) {
                throw ApiException.invalidRequest(path, "'" + path + "' is required for a " + role
                        + " message" + (role.equals("assistant") ? " without tool_calls" : "")
                        + "; send a string or an array of content parts.");
            }
            return;
        }
        if (content.isTextual()) {
            return;
        }
        if (!content.isArray()) {
            throw Fields.invalid(path, "must be a string or an array of content parts.");
        }
        for (int i = 0; i < content.size(); i++) {
            part(content.get(i), path + "[" + i + "]", PART_TYPES.get(role));
        }
    }

    private static void part(JsonNode part, String path, Set<String> allowed) {
        JsonNode type = part.isObject() ? part.get("type") : null;
        if (type == null || !type.isTextual()) {
            throw Fields.invalid(path, "must be an object with a string 'type'.");
        }
        if (!allowed.contains(type.asText())) {
            throw ApiException.invalidRequest(path + ".type", "Unsupported content part type '"
                    + abbreviate(type.asText()) + "' at '" + path + ".type'; supported here: "
                    + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
        String field = type.asText();
        if (field.equals("text") || field.equals("refusal")) {
            Fields.requirePresent(part.get(field), path + "." + field);
            Fields.string(part.get(field), path + "." + field);
        } else {
            Fields.requirePresent(part.get(field), path + "." + field);
            Fields.object(part.get(field), path + "." + field);
        }
    }

    /** Client strings quoted in errors are cut short: an error message must stay small. */
    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
