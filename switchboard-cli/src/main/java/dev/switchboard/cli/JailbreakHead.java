package dev.switchboard.cli;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.plugin.jailbreak.JailbreakScorer;
import dev.switchboard.inference.guard.JailbreakDetector;
import java.util.function.Supplier;

/**
 * The trained jailbreak head as the pipeline's {@link JailbreakScorer}. It reads the request's shared encoder pass
 * (whole window and 32-token spans of its token states), so a text that fits that pass costs no encoder pass of its
 * own; only a text longer than the pass gets further windows over the rest.
 */
final class JailbreakHead implements JailbreakScorer {

    private final JailbreakDetector detector;

    JailbreakHead(JailbreakDetector detector) {
        this.detector = detector;
    }

    @Override
    public double score(String text, Supplier<Encoding> shared) {
        Encoding encoding = shared == null ? null : shared.get();
        return encoding == null ? detector.score(text) : detector.score(text, encoding);
    }
}
