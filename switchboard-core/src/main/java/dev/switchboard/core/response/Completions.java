package dev.switchboard.core.response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds OpenAI chat completion payloads for answers the router writes itself (fast responses, the echo backend,
 * later cache hits and guard blocks): a whole {@code chat.completion}, or the SSE {@code data:} payloads of a
 * {@code chat.completion.chunk} stream ending in {@code [DONE]}.
 */
public final class Completions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Completions() {}

    /** A non-streaming completion. Token counts are rough estimates (four characters a token). */
    public static ObjectNode completion(String model, String text, String finishReason, long promptTokens) {
        ObjectNode root = base(model, "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", finishReason);
        choice.putObject("message").put("role", "assistant").put("content", text);
        root.set("usage", usage(promptTokens, estimateTokens(text)));
        return root;
    }

    /**
     * The {@code data:} payloads of a stream carrying {@code text} one word a chunk, then the finish chunk, a usage
     * chunk and {@code [DONE]}.
     */
    public static List<String> chunks(String model, String text, String finishReason, long promptTokens) {
        String id = newId();
        List<String> out = new ArrayList<>();
        String[] words = text.split(" ", -1);
        for (int i = 0; i < words.length; i++) {
            ObjectNode delta = JSON.createObjectNode();
            if (i == 0) {
                delta.put("role", "assistant");
            }
            delta.put("content", (i == 0 ? "" : " ") + words[i]);
            out.add(chunk(id, model, delta, null).toString());
        }
        out.add(chunk(id, model, JSON.createObjectNode(), finishReason).toString());
        ObjectNode usage = base(model, "chat.completion.chunk").put("id", id);
        usage.putArray("choices");
        usage.set("usage", usage(promptTokens, estimateTokens(text)));
        out.add(usage.toString());
        out.add("[DONE]");
        return out;
    }

    /** The SSE payloads replaying a stored non-streaming completion as a stream (cache hits). */
    public static List<String> replay(ObjectNode completion) {
        var choice = completion.path("choices").path(0);
        return chunks(completion.path("model").asText(""), choice.path("message").path("content").asText(""),
                choice.path("finish_reason").asText("stop"), completion.path("usage").path("prompt_tokens").asLong(0));
    }

    /** Reads a completion body the router stored itself. */
    public static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("a stored completion is not JSON", e);
        }
    }

    /** The SSE payload that ends a stream that failed midway, before {@code [DONE]}. */
    public static String streamError(String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).put("code", code);
        return root.toString();
    }

    public static long estimateTokens(String text) {
        return (text.length() + 3) / 4;
    }

    private static ObjectNode chunk(String id, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = base(model, "chat.completion.chunk").put("id", id);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static ObjectNode base(String model, String object) {
        return JSON.createObjectNode().put("id", newId()).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
    }

    private static ObjectNode usage(long prompt, long completion) {
        return JSON.createObjectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    private static String newId() {
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
