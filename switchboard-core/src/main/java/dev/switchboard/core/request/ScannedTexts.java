package dev.switchboard.core.request;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every text of a chat completion body that reaches a model, so every text a guard must see: message contents
 * (strings and text parts), messages' {@code name} fields, assistant tool-call arguments (and the legacy
 * {@code function_call}), and the tool definitions of {@code tools[].function} (and legacy {@code functions[]}):
 * name, description and every {@code description} in the parameter schema. Each text carries its JSON pointer in the
 * body, so a guard that rewrites it (PII redaction) writes exactly that field.
 */
public final class ScannedTexts {

    /** Where a text sits. */
    public enum Source { CONTENT, NAME, TOOL_CALL_ARGUMENTS, TOOL_DEFINITION }

    /**
     * One text.
     *
     * @param source what kind of field holds it
     * @param index  the message's position in {@code messages}, or the tool's in {@code tools} ({@code functions})
     * @param path   the field's JSON pointer in the body, e.g. {@code /messages/3/tool_calls/0/function/arguments}
     * @param text   the field's value
     */
    public record ScannedText(Source source, int index, JsonPointer path, String text) {

        /** True for a message's content: what the jailbreak guard scores as a message. */
        public boolean isContent() {
            return source == Source.CONTENT;
        }
    }

    /** Schema nesting the walk for parameter descriptions follows; deeper schemas are not read further. */
    private static final int MAX_SCHEMA_DEPTH = 32;

    private final List<ScannedText> texts;

    private ScannedTexts(List<ScannedText> texts) {
        this.texts = List.copyOf(texts);
    }

    /** The texts of {@code body}, in body order: messages first, then tool definitions. */
    public static ScannedTexts of(ObjectNode body) {
        List<ScannedText> texts = new ArrayList<>();
        JsonNode messages = body.path("messages");
        for (int m = 0; m < messages.size(); m++) {
            message(messages.get(m), m, texts);
        }
        tools(body.path("tools"), "/tools/", true, texts);
        tools(body.path("functions"), "/functions/", false, texts);
        return new ScannedTexts(texts);
    }

    private static void message(JsonNode message, int m, List<ScannedText> out) {
        String at = "/messages/" + m;
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            add(out, Source.CONTENT, m, at + "/content", content);
        } else if (content.isArray()) {
            for (int p = 0; p < content.size(); p++) {
                add(out, Source.CONTENT, m, at + "/content/" + p + "/text", content.get(p).path("text"));
            }
        }
        add(out, Source.NAME, m, at + "/name", message.path("name"));
        JsonNode calls = message.path("tool_calls");
        for (int c = 0; c < calls.size(); c++) {
            add(out, Source.TOOL_CALL_ARGUMENTS, m, at + "/tool_calls/" + c + "/function/arguments",
                    calls.get(c).path("function").path("arguments"));
        }
        add(out, Source.TOOL_CALL_ARGUMENTS, m, at + "/function_call/arguments",
                message.path("function_call").path("arguments"));
    }

    /** {@code tools[i].function} (wrapped) or {@code functions[i]} (legacy): name, description, parameter docs. */
    private static void tools(JsonNode tools, String prefix, boolean wrapped, List<ScannedText> out) {
        for (int t = 0; t < tools.size(); t++) {
            String at = prefix + t + (wrapped ? "/function" : "");
            JsonNode function = wrapped ? tools.get(t).path("function") : tools.get(t);
            add(out, Source.TOOL_DEFINITION, t, at + "/name", function.path("name"));
            add(out, Source.TOOL_DEFINITION, t, at + "/description", function.path("description"));
            descriptions(function.path("parameters"), t, at + "/parameters", 0, out);
        }
    }

    /** Every textual {@code description} inside a JSON schema, however nested (properties, items, anyOf, $defs). */
    private static void descriptions(JsonNode schema, int tool, String at, int depth, List<ScannedText> out) {
        if (depth > MAX_SCHEMA_DEPTH) {
            return;
        }
        if (schema.isObject()) {
            schema.fields().forEachRemaining(field -> {
                String path = at + "/" + escape(field.getKey());
                if (field.getKey().equals("description") && field.getValue().isTextual()) {
                    add(out, Source.TOOL_DEFINITION, tool, path, field.getValue());
                } else {
                    descriptions(field.getValue(), tool, path, depth + 1, out);
                }
            });
        } else if (schema.isArray()) {
            for (int i = 0; i < schema.size(); i++) {
                descriptions(schema.get(i), tool, at + "/" + i, depth + 1, out);
            }
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static void add(List<ScannedText> out, Source source, int index, String path, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank()) {
            out.add(new ScannedText(source, index, JsonPointer.compile(path), value.asText()));
        }
    }

    /** Every text, in body order. */
    public List<ScannedText> all() {
        return texts;
    }

    /**
     * The order in which guard heads spend the ML budget: the latest user message's content first (what the user
     * asks now), then tool definitions (sent with every request of an agent, and a known hiding place for
     * injections), then the other message texts, newest message first.
     */
    public List<ScannedText> inScanOrder(int latestUserIndex) {
        Comparator<ScannedText> order = Comparator.comparingInt(t -> rank(t, latestUserIndex));
        return texts.stream().sorted(order.thenComparing(t -> -t.index())).toList();
    }

    private static int rank(ScannedText text, int latestUserIndex) {
        if (text.source() == Source.TOOL_DEFINITION) {
            return 1;
        }
        return text.index() == latestUserIndex && text.isContent() ? 0 : 2;
    }

    /** The text at {@code path} of {@code body}: the field a {@link ScannedText} came from. */
    public static String textAt(ObjectNode body, JsonPointer path) {
        return body.at(path).asText();
    }

    /** Replaces the text at {@code path} of {@code body} (which must hold a text there). */
    public static void setText(ObjectNode body, JsonPointer path, String text) {
        JsonNode parent = body.at(path.head());
        if (parent instanceof ObjectNode object) {
            object.put(path.last().getMatchingProperty(), text);
        } else if (parent instanceof ArrayNode array) {
            array.set(path.last().getMatchingIndex(), array.textNode(text));
        }
    }
}
