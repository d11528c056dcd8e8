package dev.switchboard.core.plugin.jailbreak;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.ScanBudget;
import java.util.function.Supplier;

/** The jailbreak/prompt-injection head: how likely a text is an attack, from 0 to 1. Thread-safe. */
public interface JailbreakScorer {

    /**
     * @param shared the request's one encoder pass over the text's first window; long texts may need more
     */
    double score(String text, Supplier<Encoding> shared);

    /**
     * {@link #score(String, Supplier)} under a request's ML budget: a scorer that runs further encoder passes reads
     * only what {@code budget} allows and reports a cut when it read less than the whole text.
     *
     * @param shared the request's one encoder pass over the text's first window, or null for another text
     */
    default double score(String text, Supplier<Encoding> shared, ScanBudget budget) {
        return score(text, shared);
    }
}
