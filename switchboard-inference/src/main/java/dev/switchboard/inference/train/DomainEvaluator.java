package dev.switchboard.inference.train;

import dev.switchboard.inference.ProgressListener;
import dev.switchboard.inference.head.DomainClassifier;
import dev.switchboard.inference.head.DomainPrediction;
import dev.switchboard.inference.head.SoftmaxHead;
import java.util.List;

/** Measures a domain classifier on labeled prompts: accuracy, macro-F1, confusion matrix and latency. */
public final class DomainEvaluator {

    private DomainEvaluator() {}

    /**
     * Encodes and classifies every example one at a time, as the router would, timing encoder + head together.
     * Every example's label must be one of the head's labels.
     */
    public static EvalReport evaluate(String name, DomainClassifier classifier, List<LabeledText> examples,
                                      ProgressListener progress) {
        List<String> labels = classifier.head().labels();
        int[] gold = indexes(examples, labels);
        int[] predicted = new int[examples.size()];
        long[] nanos = new long[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            long start = System.nanoTime();
            DomainPrediction prediction = classifier.classify(examples.get(i).text());
            nanos[i] = System.nanoTime() - start;
            predicted[i] = labels.indexOf(prediction.category());
            progress.onProgress("eval " + name, i + 1, examples.size());
        }
        return EvalReport.of(name, labels, gold, predicted, nanos);
    }

    /** Classifies precomputed head inputs (no latency figures); used by training experiments. */
    public static EvalReport evaluate(String name, SoftmaxHead head, float[][] features, int[] gold) {
        int[] predicted = new int[features.length];
        for (int i = 0; i < features.length; i++) {
            predicted[i] = argmax(head.logits(features[i]));
        }
        return EvalReport.of(name, head.labels(), gold, predicted, null);
    }

    /** Label index of each example. */
    public static int[] indexes(List<LabeledText> examples, List<String> labels) {
        int[] out = new int[examples.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels.indexOf(examples.get(i).label());
            if (out[i] < 0) {
                throw new IllegalArgumentException("Unknown label '" + examples.get(i).label() + "'; expected one of "
                        + labels);
            }
        }
        return out;
    }

    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }
}
