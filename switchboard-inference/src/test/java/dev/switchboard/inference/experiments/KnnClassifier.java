package dev.switchboard.inference.experiments;

import dev.switchboard.inference.head.DomainCategories;
import dev.switchboard.inference.train.EvalReport;

/** Cosine k-nearest-neighbour vote over training embeddings; a baseline for the trained heads. */
final class KnnClassifier {

    private final float[][] x;
    private final int[] y;
    private final int classes;
    private final int k;

    KnnClassifier(float[][] x, int[] y, int classes, int k) {
        this.x = x;
        this.y = y;
        this.classes = classes;
        this.k = k;
    }

    int predict(float[] query) {
        int[] best = new int[k];
        float[] scores = new float[k];
        java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < x.length; i++) {
            float s = dot(query, x[i]);
            if (s > scores[k - 1]) {
                insert(best, scores, i, s);
            }
        }
        float[] votes = new float[classes];
        for (int j = 0; j < k; j++) {
            votes[y[best[j]]] += scores[j];
        }
        int arg = 0;
        for (int c = 1; c < classes; c++) {
            arg = votes[c] > votes[arg] ? c : arg;
        }
        return arg;
    }

    private static void insert(int[] best, float[] scores, int index, float score) {
        int at = scores.length - 1;
        while (at > 0 && scores[at - 1] < score) {
            scores[at] = scores[at - 1];
            best[at] = best[at - 1];
            at--;
        }
        scores[at] = score;
        best[at] = index;
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    EvalReport evaluate(String name, float[][] queries, int[] gold) {
        int[] predicted = new int[queries.length];
        for (int i = 0; i < queries.length; i++) {
            predicted[i] = predict(queries[i]);
        }
        return EvalReport.of(name, DomainCategories.ALL, gold, predicted, null);
    }
}
