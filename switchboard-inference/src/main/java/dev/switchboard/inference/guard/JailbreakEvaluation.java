package dev.switchboard.inference.guard;

import dev.switchboard.inference.ProgressBar;
import dev.switchboard.inference.train.LabeledText;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Evaluates a {@link JailbreakDetector} the way it runs in the router ({@link JailbreakDetector#score(String)}: the
 * shared pass, spans and max): picks the threshold for 1% false positives on the validation side (on all its benign
 * texts and on its real user prompts alone, the stricter of the two), then reports on the test
 * groups — ROC AUC, recall and false-positive rate at that threshold and at {@link #STRICT_THRESHOLD}, over-blocking
 * per benign group, and recall under the {@link AppendAttack} with the evaluation filler.
 */
public final class JailbreakEvaluation {

    /** False-positive budget of the operating point. */
    public static final double TARGET_FPR = 0.01;
    /** A second, stricter operating point shown for comparison. */
    public static final float STRICT_THRESHOLD = 0.5f;

    private final ToDoubleFunction<String> scorer;
    private final int threads;
    private final PrintStream out;
    private final long seed;

    public JailbreakEvaluation(JailbreakDetector detector, PrintStream out, long seed) {
        this(detector::score, detector.encoder().settings().poolSize(), out, seed);
    }

    /** Evaluates any scorer that computes {@link JailbreakDetector#score(String)}, on {@code threads} threads. */
    JailbreakEvaluation(ToDoubleFunction<String> scorer, int threads, PrintStream out, long seed) {
        this.scorer = scorer;
        this.threads = threads;
        this.out = out;
        this.seed = seed;
    }

    /** Prints the whole report for {@code corpus}. */
    public void report(JailbreakData.Corpus corpus) {
        float[] benign = scores(only(corpus.validation(), false));
        float[] everyday = scores(corpus.everydayValidation());
        // the operating point must hold for real user prompts, not only on average over exam questions and queries
        float threshold = Math.max(JailbreakMetrics.thresholdAtFpr(benign, TARGET_FPR),
                JailbreakMetrics.thresholdAtFpr(everyday, TARGET_FPR));
        out.printf("threshold at %.0f%% FPR on validation, all benign (%d) and real user prompts (%d) alike: %.4f "
                        + "(default threshold %.4f)%n", TARGET_FPR * 100, benign.length, everyday.length, threshold,
                JailbreakDetector.DEFAULT_THRESHOLD);
        List<LabeledText> positives = new ArrayList<>();
        List<LabeledText> negatives = new ArrayList<>();
        corpus.test().values().forEach(g -> { positives.addAll(only(g, true)); negatives.addAll(only(g, false)); });
        float[] pos = scores(positives);
        float[] neg = scores(negatives);
        out.printf("test: %d attacks, %d benign; ROC AUC %.4f%n", pos.length, neg.length,
                JailbreakMetrics.rocAuc(pos, neg));
        float[] thresholds = {threshold, STRICT_THRESHOLD};
        out.printf("| test set | n | flagged @ %.4f (val 1%% FPR) | flagged @ %.2f |%n", threshold, STRICT_THRESHOLD);
        out.println("|---|---:|---:|---:|");
        row("all attacks (recall)", pos, thresholds);
        row("all benign (FPR)", neg, thresholds);
        corpus.test().forEach((name, group) -> groupRows(name, group, thresholds));
        appendAttackRows(positives, thresholds);
    }

    private void groupRows(String name, List<LabeledText> group, float[] thresholds) {
        List<LabeledText> attacks = only(group, true);
        List<LabeledText> benign = only(group, false);
        if (!attacks.isEmpty()) {
            row(name + " — attacks (recall)", scores(attacks), thresholds);
        }
        if (!benign.isEmpty()) {
            row(name + " — benign (over-blocking)", scores(benign), thresholds);
        }
    }

    private void appendAttackRows(List<LabeledText> attacks, float[] thresholds) {
        for (AppendAttack.Variant variant : AppendAttack.Variant.values()) {
            Random random = new Random(seed + variant.ordinal());
            List<LabeledText> attacked = attacks.stream().map(a -> new LabeledText(
                    AppendAttack.apply(a.text(), variant, AppendAttack.Pool.EVAL, random), a.label())).toList();
            row("append attack " + variant.name().toLowerCase() + " (recall)", scores(attacked), thresholds);
        }
    }

    private void row(String name, float[] scores, float[] thresholds) {
        out.printf("| %s | %d | %.4f | %.4f |%n", name, scores.length,
                JailbreakMetrics.flaggedRate(scores, thresholds[0]), JailbreakMetrics.flaggedRate(scores, thresholds[1]));
    }

    private static List<LabeledText> only(List<LabeledText> examples, boolean attacks) {
        return examples.stream().filter(e -> e.label().equals(JailbreakData.JAILBREAK) == attacks).toList();
    }

    /** Scores as the router computes them, on as many threads as the encoder has sessions. */
    float[] scores(List<LabeledText> examples) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        ProgressBar progress = ProgressBar.toStderr();
        try {
            List<Future<Float>> futures = new ArrayList<>();
            for (LabeledText e : examples) {
                futures.add(pool.submit(() -> {
                    float s = (float) scorer.applyAsDouble(e.text());
                    progress.onProgress("score", done.incrementAndGet(), examples.size());
                    return s;
                }));
            }
            float[] out = new float[futures.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = futures.get(i).get();
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("Scoring failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }
}
