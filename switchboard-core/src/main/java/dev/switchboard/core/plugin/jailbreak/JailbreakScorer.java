package dev.switchboard.core.plugin.jailbreak;

import dev.switchboard.core.encode.Encoding;
import java.util.function.Supplier;

/** The jailbreak/prompt-injection head: how likely a text is an attack, from 0 to 1. Thread-safe. */
public interface JailbreakScorer {

    /**
     * @param shared the request's one encoder pass over the text's first window; long texts may need more
     */
    double score(String text, Supplier<Encoding> shared);
}
