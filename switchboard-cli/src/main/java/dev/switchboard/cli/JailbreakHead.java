package dev.switchboard.cli;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.plugin.jailbreak.JailbreakScorer;
import dev.switchboard.inference.guard.JailbreakDetector;
import java.util.function.Supplier;

/**
 * The trained jailbreak head as the pipeline's {@link JailbreakScorer}. It scores the text window by window (an
 * injection at the end of a long paste must not hide behind the first window), so it runs its own encoder passes
 * rather than reading only the shared one.
 */
final class JailbreakHead implements JailbreakScorer {

    private final JailbreakDetector detector;

    JailbreakHead(JailbreakDetector detector) {
        this.detector = detector;
    }

    @Override
    public double score(String text, Supplier<Encoding> shared) {
        return detector.score(text);
    }
}
