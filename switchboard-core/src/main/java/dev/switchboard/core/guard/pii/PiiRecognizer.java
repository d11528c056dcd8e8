package dev.switchboard.core.guard.pii;

import java.util.List;

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
}
