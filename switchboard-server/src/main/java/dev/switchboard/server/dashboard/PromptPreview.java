package dev.switchboard.server.dashboard;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.StructuredPiiDetector;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plugin.pii.PiiFindings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The live table's view of a request's text, shown only when {@code admin.dashboard.show_prompts} is on: the start
 * of the latest user message with personal data replaced by its type ({@code [EMAIL_ADDRESS]}). Masked before it is
 * cut, so a value that straddles the cut cannot leak half of itself. The spans come from the structured detector
 * (run here, always) and from the PII guard's findings for that message (names and places from the ML head); when
 * the guard found something that cannot be placed in the text, nothing of the text is shown.
 */
final class PromptPreview {

    static final int MAX_CHARS = 80;
    static final String WITHHELD = "[text withheld: personal data]";

    private PromptPreview() {}

    /** The masked, truncated preview, or null when the request has no user text. */
    static String of(RoutePlan plan) {
        JsonNode messages = plan.body().path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asText())) {
                return preview(message.path("content"), "/messages/" + i + "/content", plan);
            }
        }
        return null;
    }

    private static String preview(JsonNode content, String path, RoutePlan plan) {
        List<PiiSpan> guardSpans = guardSpans(plan, path);
        if (guardSpans == null) {
            return WITHHELD;
        }
        if (!content.isTextual()) {
            // multi-part content: the guard's offsets are per part; show nothing rather than risk a misplaced mask
            return guardSpans.isEmpty() ? mask(partsText(content), List.of()) : WITHHELD;
        }
        return mask(content.asText(), guardSpans);
    }

    /** The guard's spans in the message text at {@code path}; null when they cannot be placed in it. */
    private static List<PiiSpan> guardSpans(RoutePlan plan, String path) {
        if (plan.pii() == null) {
            return List.of();
        }
        JsonPointer pointer = JsonPointer.compile(path);
        List<PiiSpan> spans = new ArrayList<>();
        for (PiiFindings.TextSpans text : plan.pii().findings().texts()) {
            if (text.path().equals(pointer)) {
                spans.addAll(text.spans());
            } else if (text.path().toString().startsWith(path + "/")) {
                return null; // found inside a part of this message: offsets we cannot place in the joined text
            }
        }
        return spans;
    }

    private static String partsText(JsonNode content) {
        StringBuilder text = new StringBuilder();
        content.forEach(part -> text.append(part.path("text").asText("")).append(' '));
        return text.toString().trim();
    }

    private static String mask(String text, List<PiiSpan> guardSpans) {
        List<PiiSpan> spans = new ArrayList<>(StructuredPiiDetector.create().find(text));
        spans.addAll(guardSpans);
        spans.sort(Comparator.comparingInt(PiiSpan::start));
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (PiiSpan span : spans) {
            if (span.end() > text.length()) {
                return WITHHELD;
            }
            if (span.start() >= at) {
                out.append(text, at, span.start()).append('[').append(span.type().name()).append(']');
                at = span.end();
            } else {
                at = Math.max(at, span.end()); // overlaps a span already masked
            }
        }
        out.append(text, at, text.length());
        String masked = out.toString().replaceAll("\\s+", " ").strip();
        return masked.length() <= MAX_CHARS ? masked : masked.substring(0, MAX_CHARS - 1) + "…";
    }
}
