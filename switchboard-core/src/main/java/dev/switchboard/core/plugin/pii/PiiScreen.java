package dev.switchboard.core.plugin.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.guard.pii.PiiRecognizer;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.Redactor;
import dev.switchboard.core.guard.pii.RedactedText;
import dev.switchboard.core.guard.pii.RedactionMap;
import dev.switchboard.core.encode.Encoding;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The PII guard's eyes and hands: finds personal data in every message of a request (earlier turns reach the
 * model too) and, for a model that may not see some of it, rewrites a copy of the body with typed placeholders.
 */
public final class PiiScreen {

    private final PiiRecognizer recognizer;
    private final double minConfidence;

    public PiiScreen(PiiRecognizer recognizer, GuardSettings.PiiGuard settings) {
        this.recognizer = recognizer;
        this.minConfidence = settings.minConfidence();
    }

    /**
     * Every text of the request with the spans found in it; the text equal to {@code sharedText} (the latest user
     * message) is read from the request's shared encoder pass instead of being encoded again.
     */
    public PiiFindings scan(ObjectNode body, String sharedText, Supplier<Encoding> shared) {
        List<PiiFindings.TextSpans> texts = new ArrayList<>();
        forEachText(body, (path, text) -> {
            List<PiiSpan> found = shared != null && text.equals(sharedText) ? recognizer.find(text, shared)
                    : recognizer.find(text);
            List<PiiSpan> spans = found.stream().filter(s -> s.confidence() >= minConfidence).toList();
            if (!spans.isEmpty()) {
                texts.add(new PiiFindings.TextSpans(path, spans));
            }
        });
        return new PiiFindings(texts);
    }

    /** A copy of {@code body} with every span whose type {@code keep} rejects replaced by a placeholder. */
    public static Redaction redact(ObjectNode body, PiiFindings findings, Predicate<String> allowed) {
        ObjectNode copy = body.deepCopy();
        Redactor redactor = new Redactor();
        RedactionMap map = RedactionMap.empty();
        for (PiiFindings.TextSpans text : findings.texts()) {
            List<PiiSpan> hidden = text.spans().stream().filter(s -> !allowed.test(s.type().name())).toList();
            if (!hidden.isEmpty()) {
                RedactedText redacted = redactor.redact(textAt(copy, text.path()), hidden);
                setText(copy, text.path(), redacted.text());
                map = redacted.map();
            }
        }
        return new Redaction(copy, map);
    }

    /** A rewritten body and what its placeholders stand for. */
    public record Redaction(ObjectNode body, RedactionMap map) {}

    private interface TextVisitor {
        void visit(int[] path, String text);
    }

    /** Visits message contents: {@code [message]} for string content, {@code [message, part]} for text parts. */
    private static void forEachText(ObjectNode body, TextVisitor visitor) {
        JsonNode messages = body.path("messages");
        for (int m = 0; m < messages.size(); m++) {
            JsonNode content = messages.get(m).path("content");
            if (content.isTextual()) {
                visitor.visit(new int[] {m}, content.asText());
            } else if (content.isArray()) {
                for (int p = 0; p < content.size(); p++) {
                    if (content.get(p).path("text").isTextual()) {
                        visitor.visit(new int[] {m, p}, content.get(p).get("text").asText());
                    }
                }
            }
        }
    }

    private static String textAt(ObjectNode body, int[] path) {
        JsonNode message = body.get("messages").get(path[0]);
        return path.length == 1 ? message.get("content").asText() : message.get("content").get(path[1]).get("text")
                .asText();
    }

    private static void setText(ObjectNode body, int[] path, String text) {
        ObjectNode message = (ObjectNode) body.get("messages").get(path[0]);
        if (path.length == 1) {
            message.put("content", text);
        } else {
            ((ObjectNode) ((ArrayNode) message.get("content")).get(path[1])).put("text", text);
        }
    }
}
