package dev.switchboard.inference.ner;

import dev.switchboard.core.guard.pii.PiiSpan;
import java.util.List;

/**
 * A text with its gold entity spans (only {@link EntityLabels#TYPES}).
 *
 * @param source  where it came from, for per-source reports
 * @param partial true for unannotated everyday text: its lower-case words are known non-entities, but a
 *                capitalised word inside a sentence may be a name nobody marked, so training skips those
 */
public record EntityExample(String text, List<PiiSpan> gold, String source, boolean partial) {
    public EntityExample {
        gold = List.copyOf(gold);
    }

    public EntityExample(String text, List<PiiSpan> gold, String source) {
        this(text, gold, source, false);
    }
}
