package dev.switchboard.core.plugin.pii;

import com.fasterxml.jackson.core.JsonPointer;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.guard.pii.PiiSpan;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Personal data found in a request: per message text (its path in the body), the spans. Holds raw values, so it
 * stays inside the request path: never logged, never a metric label; only {@link #types()} leaves it.
 */
public record PiiFindings(List<TextSpans> texts) {

    public PiiFindings {
        texts = List.copyOf(texts);
    }

    /** @param path the text's field in the body (a message content or name, tool-call arguments, a tool definition) */
    public record TextSpans(JsonPointer path, List<PiiSpan> spans) {}

    public boolean isEmpty() {
        return texts.isEmpty();
    }

    /** The types found, sorted. */
    public Set<String> types() {
        Set<String> types = new TreeSet<>();
        texts.forEach(t -> t.spans().forEach(s -> types.add(s.type().name())));
        return types;
    }

    /** The types found that {@code model}'s PII policy forbids, sorted. */
    public Set<String> forbiddenFor(ModelConfig model) {
        Set<String> forbidden = types();
        forbidden.removeIf(model.piiPolicy()::allows);
        return forbidden;
    }
}
