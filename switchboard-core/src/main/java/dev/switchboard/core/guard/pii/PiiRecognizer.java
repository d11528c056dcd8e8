package dev.switchboard.core.guard.pii;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.ScanBudget;
import java.util.List;
import java.util.function.Supplier;

/**
 * Finds personal data in a text. Implementations are thread-safe and stateless per call, so one instance serves
 * every request.
 */
@FunctionalInterface
public interface PiiRecognizer {

    /**
     * Returns the spans found, in no particular order; may overlap each other. Never null.
     *
     * @param text the text to scan; offsets in the result index into it
     */
    List<PiiSpan> find(String text);

    /**
     * Like {@link #find(String)}, with the request's shared encoder pass over {@code text} at hand; recognizers
     * that read token states use it instead of encoding the text again.
     */
    default List<PiiSpan> find(String text, Supplier<Encoding> encoding) {
        return find(text);
    }

    /**
     * Like {@link #find(String, Supplier)} under a request's ML budget: recognizers that run the encoder read only
     * what {@code budget} allows (and report a cut when they read less than the whole text); the others ignore it.
     *
     * @param encoding the request's shared encoder pass over {@code text}, or null when {@code text} is another text
     */
    default List<PiiSpan> find(String text, Supplier<Encoding> encoding, ScanBudget budget) {
        return encoding == null ? find(text) : find(text, encoding);
    }
}
