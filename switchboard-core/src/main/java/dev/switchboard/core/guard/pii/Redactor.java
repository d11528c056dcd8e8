package dev.switchboard.core.guard.pii;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces PII spans with typed placeholders such as {@code [EMAIL_ADDRESS_1]}.
 *
 * <p>One instance per request: numbering runs per type across every text it redacts, and the same value always
 * gets the same placeholder, so a model still sees that two mentions are the same person or card and the
 * answer can be restored from one {@link RedactionMap}. Not thread-safe.
 */
public final class Redactor {

    private final Map<String, String> placeholderByValue = new HashMap<>();
    private final Map<String, String> originals = new LinkedHashMap<>();
    private final Map<PiiType, Integer> counters = new EnumMap<>(PiiType.class);

    /**
     * Redacts {@code spans} in {@code text}. Overlapping spans are resolved first (longer, then more confident,
     * wins), so spans from several detectors can be passed together.
     *
     * @throws IllegalArgumentException if a span does not match the text (found in another text)
     */
    public RedactedText redact(String text, List<PiiSpan> spans) {
        return new RedactedText(apply(text, spans), map());
    }

    /** What {@link #redact} returns as text, without copying the map: for callers redacting many texts. */
    public String apply(String text, List<PiiSpan> spans) {
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (PiiSpan span : OverlapResolver.resolve(spans)) {
            if (span.end() > text.length() || !text.regionMatches(span.start(), span.value(), 0, span.length())) {
                throw new IllegalArgumentException("span does not match the text: " + span);
            }
            out.append(text, copied, span.start()).append(placeholderFor(span, text));
            copied = span.end();
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    /** Every placeholder handed out so far and the value it stands for. */
    public RedactionMap map() {
        return RedactionMap.copyOf(originals);
    }

    private String placeholderFor(PiiSpan span, String text) {
        String existing = placeholderByValue.get(span.value());
        if (existing != null) {
            return existing;
        }
        String placeholder = nextPlaceholder(span.type(), text);
        placeholderByValue.put(span.value(), placeholder);
        originals.put(placeholder, span.value());
        return placeholder;
    }

    /** Skips numbers whose placeholder the user literally wrote, so restoring never rewrites the user's text. */
    private String nextPlaceholder(PiiType type, String text) {
        String placeholder;
        do {
            int n = counters.merge(type, 1, Integer::sum);
            placeholder = "[" + type.name() + "_" + n + "]";
        } while (text.contains(placeholder));
        return placeholder;
    }
}
