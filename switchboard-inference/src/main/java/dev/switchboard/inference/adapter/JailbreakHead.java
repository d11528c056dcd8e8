package dev.switchboard.inference.adapter;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.core.plugin.jailbreak.JailbreakScorer;
import dev.switchboard.inference.guard.JailbreakDetector;
import java.util.function.Supplier;

/**
 * The trained jailbreak head as the pipeline's {@link JailbreakScorer}. It reads the request's shared encoder pass
 * (whole window and 32-token spans of its token states), so a text that fits that pass costs no encoder pass of its
 * own; only a text longer than the pass gets further windows over the rest. Earlier turns and tool results, which
 * clients re-send with every request and which each need a pass of their own, are scored once and remembered
 * ({@link TextMemo}: the digest and the score, never the text).
 */
public final class JailbreakHead implements JailbreakScorer {

    private static final int REMEMBERED_TEXTS = 4096;

    private final JailbreakDetector detector;
    private final TextMemo<Double> recent = new TextMemo<>(REMEMBERED_TEXTS);

    public JailbreakHead(JailbreakDetector detector) {
        this.detector = detector;
    }

    @Override
    public double score(String text, Supplier<Encoding> shared) {
        return score(text, shared, ScanBudget.unlimited());
    }

    /** Within {@code budget}: a long text is read as head and tail, further windows only while passes are left. */
    @Override
    public double score(String text, Supplier<Encoding> shared, ScanBudget budget) {
        return recent.get(text, t -> {
            Encoding encoding = shared == null ? null : shared.get();
            return (double) detector.score(t, encoding, budget);
        }, budget);
    }
}
