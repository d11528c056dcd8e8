package dev.switchboard.inference.experiments;

import dev.switchboard.inference.encoder.BundledModel;
import dev.switchboard.inference.encoder.EncoderSettings;
import dev.switchboard.inference.encoder.OnnxEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Single-request encoder latency at about 16, 64 and 256 tokens, one session with one intra-op thread (the
 * per-request cost under the default settings). Run with
 *
 * <pre>./mvnw -q -pl switchboard-inference exec:java -Dexec.classpathScope=test
 *   -Dexec.mainClass=dev.switchboard.inference.experiments.EncoderLatency [-Dexec.args="MODEL ..."]</pre>
 */
public final class EncoderLatency {

    private static final String SENTENCE = "Can you explain how the central bank's interest rate decisions affect "
            + "mortgage payments, savings accounts and the price of groceries for an ordinary family? ";
    private static final int WARMUP = 20;
    private static final int RUNS = 200;

    private EncoderLatency() {}

    public static void main(String[] args) {
        List<BundledModel> models = new ArrayList<>();
        Arrays.stream(args).map(BundledModel::valueOf).forEach(models::add);
        System.out.println("| encoder | tokens | p50 ms | p99 ms | load ms |");
        System.out.println("|---|---|---|---|---|");
        for (BundledModel model : models.isEmpty() ? List.of(BundledModel.values()) : models) {
            long start = System.nanoTime();
            try (OnnxEncoder encoder = OnnxEncoder.create(EncoderSettings.bundled(model).withPoolSize(1))) {
                double loadMillis = (System.nanoTime() - start) / 1e6;
                for (int tokens : new int[] {16, 64, 256}) {
                    measure(encoder, model, tokens, loadMillis);
                }
            }
        }
    }

    private static void measure(OnnxEncoder encoder, BundledModel model, int tokens, double loadMillis) {
        String text = textOf(encoder, tokens - 2);
        long[] nanos = new long[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long start = System.nanoTime();
            encoder.encode(text);
            if (i >= WARMUP) {
                nanos[i - WARMUP] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("| %s | %d | %.2f | %.2f | %.0f |%n", model.id(), encoder.encode(text).offsets().length,
                nanos[RUNS / 2] / 1e6, nanos[(int) Math.ceil(RUNS * 0.99) - 1] / 1e6, loadMillis);
    }

    /** A prefix of the repeated sentence with about {@code contentTokens} tokens. */
    private static String textOf(OnnxEncoder encoder, int contentTokens) {
        String[] words = SENTENCE.repeat(10).split(" ");
        StringBuilder text = new StringBuilder();
        for (String word : words) {
            String next = text.isEmpty() ? word : text + " " + word;
            if (encoder.countTokens(next) > contentTokens) {
                break;
            }
            text.setLength(0);
            text.append(next);
        }
        return text.toString();
    }
}
