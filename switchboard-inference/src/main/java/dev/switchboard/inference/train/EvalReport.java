package dev.switchboard.inference.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy figures of a classifier on one labeled set.
 *
 * @param name       what was evaluated (printed as the title)
 * @param labels     class names, the order of the confusion matrix
 * @param confusion  {@code confusion[gold][predicted]} counts
 * @param accuracy   fraction correct
 * @param macroF1    unweighted mean of per-class F1
 * @param perClassF1 F1 per class
 * @param p50Millis  median latency per example (encoder + head), or NaN if not measured
 * @param p99Millis  99th percentile latency, or NaN if not measured
 */
public record EvalReport(String name, List<String> labels, int[][] confusion, double accuracy, double macroF1,
                         Map<String, Double> perClassF1, double p50Millis, double p99Millis) {

    /** Builds the report from gold and predicted label indexes; {@code latencyNanos} may be null. */
    public static EvalReport of(String name, List<String> labels, int[] gold, int[] predicted, long[] latencyNanos) {
        int[][] confusion = new int[labels.size()][labels.size()];
        int correct = 0;
        for (int i = 0; i < gold.length; i++) {
            confusion[gold[i]][predicted[i]]++;
            correct += gold[i] == predicted[i] ? 1 : 0;
        }
        Map<String, Double> f1 = perClassF1(labels, confusion);
        double macro = f1.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new EvalReport(name, labels, confusion, (double) correct / gold.length, macro, f1,
                percentile(latencyNanos, 0.50), percentile(latencyNanos, 0.99));
    }

    private static Map<String, Double> perClassF1(List<String> labels, int[][] confusion) {
        Map<String, Double> f1 = new LinkedHashMap<>();
        for (int k = 0; k < labels.size(); k++) {
            int tp = confusion[k][k];
            int goldK = Arrays.stream(confusion[k]).sum();
            int predictedK = 0;
            for (int[] row : confusion) {
                predictedK += row[k];
            }
            if (goldK > 0) {
                f1.put(labels.get(k), goldK + predictedK == 0 ? 0 : 2.0 * tp / (goldK + predictedK));
            }
        }
        return f1;
    }

    private static double percentile(long[] nanos, double q) {
        if (nanos == null || nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Number of evaluated examples. */
    public int count() {
        return Arrays.stream(confusion).flatMapToInt(Arrays::stream).sum();
    }

    /** A human-readable report: headline numbers, per-class F1 and the confusion matrix. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("== %s (%d examples)%n", name, count()));
        out.append(String.format("accuracy %.4f   macro-F1 %.4f", accuracy, macroF1));
        if (!Double.isNaN(p50Millis)) {
            out.append(String.format("   latency p50 %.1f ms  p99 %.1f ms", p50Millis, p99Millis));
        }
        out.append(String.format("%nper-class F1:%n"));
        perClassF1.forEach((label, f1) -> out.append(String.format("  %-18s %.3f%n", label, f1)));
        return out.append(confusionText()).toString();
    }

    private String confusionText() {
        StringBuilder out = new StringBuilder("confusion (rows gold, columns predicted):\n");
        out.append(String.format("%-18s", ""));
        labels.forEach(l -> out.append(String.format(" %5s", l.substring(0, Math.min(5, l.length())))));
        out.append('\n');
        for (int g = 0; g < labels.size(); g++) {
            out.append(String.format("%-18s", labels.get(g)));
            for (int count : confusion[g]) {
                out.append(String.format(" %5d", count));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
