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

    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode body;
    private final String model;
    private final boolean stream;
    private final ArrayNode messages;
    private final int userIndex;
    private final String userText;
    private final String promptText;

    private ChatRequest(ObjectNode body) {
        ChatRequestValidator.validate(body);
        this.body = body;
        this.model = body.get("model").asText();
        this.stream = body.path("stream").asBoolean(false);
        this.messages = (ArrayNode) body.get("messages");
        this.userIndex = lastUserIndex(messages);
        this.userText = userIndex < 0 ? "" : textOf(messages.get(userIndex));
        this.promptText = allText(messages);
    }

    /**
     * Parses and validates raw request bytes ({@link JsonBodies}, then {@link ChatRequestValidator}); throws
     * {@link ApiException} naming the offending field on any problem.
     */
    public static ChatRequest parse(byte[] raw) {
        return new ChatRequest(JsonBodies.parseObject(raw));
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
