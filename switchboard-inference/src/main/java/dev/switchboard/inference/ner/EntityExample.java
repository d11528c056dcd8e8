package dev.switchboard.inference.ner;

import dev.switchboard.core.guard.pii.PiiSpan;
import java.util.List;

/**
 * A text with its gold entity spans (only {@link EntityLabels#TYPES}).
 *
 * @param source     where it came from, for per-source reports
 * @param partial    true for unannotated everyday text: its lower-case words are known non-entities, but a
 *                   capitalised word inside a sentence may be a name nobody marked, so training skips those
 * @param unlabelled character ranges {@code [start, end)} whose tokens training skips: spans a corpus marked with a
 *                   type this head has no label for and that may be one of ours under another annotator's rules
 *                   (a product named after its maker, a song named after a person)
 */
public record EntityExample(String text, List<PiiSpan> gold, String source, boolean partial,
                            List<int[]> unlabelled) {
    public EntityExample {
        gold = List.copyOf(gold);
        unlabelled = List.copyOf(unlabelled);
    }

    public EntityExample(String text, List<PiiSpan> gold, String source, boolean partial) {
        this(text, gold, source, partial, List.of());
    }

    public EntityExample(String text, List<PiiSpan> gold, String source) {
        this(text, gold, source, false);
    }

    /** Whether training skips the token starting at {@code offset}. */
    boolean isUnlabelled(int offset) {
        for (int[] range : unlabelled) {
            if (range[0] <= offset && offset < range[1]) {
                return true;
            }
        }
        return false;
    }
}
