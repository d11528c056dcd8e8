package dev.switchboard.core.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A parsed and validated OpenAI chat completion request. The raw JSON is kept so that fields Switchboard does not
 * know pass through untouched; plugins rewrite only what the plan changes, on a copy ({@link #body()}).
 */
public final class ChatRequest {

    /** Content part types the OpenAI API defines; text is read, the others pass through to the model. */
    private static final Set<String> KNOWN_PART_TYPES = Set.of("text", "image_url", "input_audio", "file");
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode body;
    private final String model;
    private final boolean stream;
    private final ArrayNode messages;
    private final int userIndex;
    private final String userText;
    private final String promptText;
    private final String tenant;
    private final Double cacheMinSimilarity;

    private ChatRequest(ObjectNode body) {
        this.body = body;
        this.model = requireString(body, "model");
        this.stream = optionalBoolean(body, "stream");
        this.messages = requireMessages(body);
        this.userIndex = lastUserIndex(messages);
        this.userText = userIndex < 0 ? "" : textOf(messages.get(userIndex));
        this.promptText = allText(messages);
        this.tenant = null;
        this.cacheMinSimilarity = null;
    }

    private ChatRequest(ChatRequest request, String tenant, Double cacheMinSimilarity) {
        this.body = request.body;
        this.model = request.model;
        this.stream = request.stream;
        this.messages = request.messages;
        this.userIndex = request.userIndex;
        this.userText = request.userText;
        this.promptText = request.promptText;
        this.tenant = tenant;
        this.cacheMinSimilarity = cacheMinSimilarity;
    }

    /**
     * This request as sent by {@code tenant}: the name the server's authentication gave the caller's API key (never
     * the key itself), or null when the caller is not authenticated. Cache partitions are keyed by it.
     */
    public ChatRequest withTenant(String tenant) {
        return new ChatRequest(this, tenant, cacheMinSimilarity);
    }

    /** The caller's tenant name, or null (see {@link #withTenant}). */
    public String tenant() {
        return tenant;
    }

    /**
     * This request with a stricter semantic cache: candidates need at least {@code minSimilarity}. It can only
     * raise the decision's threshold, never lower it (the cache takes the larger of the two).
     */
    public ChatRequest withCacheMinSimilarity(Double minSimilarity) {
        return new ChatRequest(this, tenant, minSimilarity);
    }

    /** The similarity minimum the client asked for, or null. */
    public Double cacheMinSimilarity() {
        return cacheMinSimilarity;
    }

    /** The OpenAI {@code user} field, or null when absent or not a string. */
    public String endUser() {
        JsonNode user = body.get("user");
        return user != null && user.isTextual() ? user.asText() : null;
    }

    /** Parses raw request bytes; throws {@link ApiException} naming the offending field on any problem. */
    public static ChatRequest parse(byte[] raw) {
        return new ChatRequest(JsonBodies.parseObject(raw));
    }

    private static String requireString(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw ApiException.invalidRequest(field, "Missing required field '" + field + "'.");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw ApiException.invalidRequest(field, "'" + field + "' must be a non-empty string.");
        }
        return v.asText();
    }

    private static boolean optionalBoolean(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ApiException.invalidRequest(field, "'" + field + "' must be a boolean.");
        }
        return v.asBoolean();
    }

    private static ArrayNode requireMessages(ObjectNode body) {
        JsonNode v = body.get("messages");
        if (v == null || v.isNull()) {
            throw ApiException.invalidRequest("messages", "Missing required field 'messages'.");
        }
        if (!v.isArray() || v.isEmpty()) {
            throw ApiException.invalidRequest("messages", "'messages' must be a non-empty array.");
        }
        for (int i = 0; i < v.size(); i++) {
            validateMessage(v.get(i), "messages[" + i + "]");
        }
        return (ArrayNode) v;
    }

    private static void validateMessage(JsonNode m, String path) {
        if (!m.isObject()) {
            throw ApiException.invalidRequest(path, "'" + path + "' must be an object.");
        }
        JsonNode role = m.get("role");
        if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
            throw ApiException.invalidRequest(path + ".role",
                    "'" + path + ".role' must be one of " + String.join(", ", ROLES.stream().sorted().toList()) + ".");
        }
        JsonNode content = m.get("content");
        if (content == null || content.isNull() || content.isTextual()) {
            return;
        }
        if (!content.isArray()) {
            throw ApiException.invalidRequest(path + ".content",
                    "'" + path + ".content' must be a string or an array of content parts.");
        }
        for (int i = 0; i < content.size(); i++) {
            validatePart(content.get(i), path + ".content[" + i + "]");
        }
    }

    private static void validatePart(JsonNode part, String path) {
        JsonNode type = part.isObject() ? part.get("type") : null;
        if (type == null || !type.isTextual()) {
            throw ApiException.invalidRequest(path, "'" + path + "' must be an object with a string 'type'.");
        }
        if (!KNOWN_PART_TYPES.contains(type.asText())) {
            throw ApiException.invalidRequest(path + ".type", "Unsupported content part type '"
                    + type.asText() + "' at '" + path + "'; supported: file, image_url, input_audio, text.");
        }
        if (type.asText().equals("text") && !part.path("text").isTextual()) {
            throw ApiException.invalidRequest(path + ".text", "'" + path + ".text' must be a string.");
        }
    }

    /** Text of a message's content: the string, or its text parts joined by newlines. */
    static String textOf(JsonNode message) {
        return contentText(message.get("content"));
    }

    /** Text of a {@code content} value: the string, or its text parts joined by newlines; "" when absent. */
    public static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                sb.append(sb.length() == 0 ? "" : "\n").append(part.path("text").asText());
            }
        }
        return sb.toString();
    }

    private static int lastUserIndex(ArrayNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return i;
            }
        }
        return -1;
    }

    private static String allText(ArrayNode messages) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode m : messages) {
            sb.append(textOf(m)).append('\n');
        }
        return sb.toString();
    }

    /** A request holding one user message, as the classification API evaluates a bare text. */
    public static ChatRequest ofUserText(String model, String text) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return new ChatRequest(body);
    }

    /** The model the client asked for. */
    public String model() {
        return model;
    }

    public boolean stream() {
        return stream;
    }

    /** Text of the latest user message: what the signals classify. */
    public String userText() {
        return userText;
    }

    /** Position of the latest user message in {@code messages}, or -1 when there is none. */
    public int userIndex() {
        return userIndex;
    }

    /** A message's text and its position in {@code messages}. */
    public record MessageText(int index, String role, String text) {}

    /** The non-blank texts of the messages whose role is in {@code roles}, newest first. */
    public List<MessageText> textsNewestFirst(Set<String> roles) {
        List<MessageText> texts = new ArrayList<>();
        for (int i = messages.size() - 1; i >= 0; i--) {
            String role = messages.get(i).path("role").asText();
            if (roles.contains(role)) {
                String text = textOf(messages.get(i));
                if (!text.isBlank()) {
                    texts.add(new MessageText(i, role, text));
                }
            }
        }
        return texts;
    }

    /** Text of all messages: what context-length signals measure. */
    public String promptText() {
        return promptText;
    }

    /** Rough token count of the whole prompt (about four characters a token for English). */
    public long estimatedPromptTokens() {
        return (promptText.length() + 3) / 4;
    }

    /** A deep copy of the request JSON for a plugin or a target to rewrite. */
    public ObjectNode body() {
        return body.deepCopy();
    }

    /** Serializes a (rewritten) body. */
    public static byte[] toBytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }
}
