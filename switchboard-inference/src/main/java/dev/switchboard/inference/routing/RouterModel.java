package dev.switchboard.inference.routing;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.selection.QualityRouter;
import java.util.List;
import java.util.Optional;

/**
 * A trained router as the pipeline uses it: a {@link QualityModel} over the shared embedding, the models' costs,
 * when to be unsure, and how to grade complexity.
 *
 * @param encoderId         the encoder whose embeddings it was trained on; others are refused at load
 * @param centroid          mean training embedding; prompts far from it are out of the router's experience
 * @param minSimilarity     below this cosine to the centroid the router is unsure (1st percentile on validation)
 * @param smallModels       indices of the cheaper half of the models: complexity is how likely they fail
 * @param easyBelow         complexity under this is {@code easy}
 * @param hardFrom          complexity from this on is {@code hard}; in between {@code medium}
 * @param considered        per model, whether selection may choose it: models off the training data's cost-accuracy
 *                          frontier are left out when validation says that routes better (their predictions are
 *                          noise that a cheaper or better model beats on average)
 */
public record RouterModel(String encoderId, List<String> models, double[] costs, QualityModel quality,
                          float[] centroid, double minSimilarity, int[] smallModels, double easyBelow,
                          double hardFrom, boolean[] considered) implements QualityRouter {

    public RouterModel {
        models = List.copyOf(models);
    }

    /** Every model may be chosen. */
    public RouterModel(String encoderId, List<String> models, double[] costs, QualityModel quality,
                       float[] centroid, double minSimilarity, int[] smallModels, double easyBelow,
                       double hardFrom) {
        this(encoderId, models, costs, quality, centroid, minSimilarity, smallModels, easyBelow, hardFrom,
                all(models.size()));
    }

    private static boolean[] all(int n) {
        boolean[] out = new boolean[n];
        java.util.Arrays.fill(out, true);
        return out;
    }

    @Override
    public boolean considers(int model) {
        return considered[model];
    }

    /** The router's scores for choosing: models it does not consider get minus infinity (never chosen). */
    double[] choiceScores(double[] scores) {
        double[] out = scores.clone();
        for (int m = 0; m < out.length; m++) {
            if (!considered[m]) {
                out[m] = Double.NEGATIVE_INFINITY;
            }
        }
        return out;
    }

    @Override
    public Optional<Prediction> predict(Encoding encoding) {
        float[] embedding = encoding.embedding();
        if (embedding.length != centroid.length || similarityToCentroid(embedding) < minSimilarity) {
            return Optional.empty();
        }
        return Optional.of(prediction(quality.predict(embedding)));
    }

    /** Scores, complexity and level from raw predicted scores. */
    Prediction prediction(float[] predicted) {
        double[] scores = new double[predicted.length];
        for (int m = 0; m < scores.length; m++) {
            scores[m] = predicted[m];
        }
        double complexity = complexity(scores, smallModels);
        String level = complexity < easyBelow ? "easy" : complexity >= hardFrom ? "hard" : "medium";
        return new Prediction(scores, complexity, level);
    }

    /** One minus the small models' mean predicted score: how likely a small model fails. */
    static double complexity(double[] scores, int[] smallModels) {
        double sum = 0;
        for (int m : smallModels) {
            sum += scores[m];
        }
        return 1 - sum / smallModels.length;
    }

    double similarityToCentroid(float[] embedding) {
        double dot = 0;
        for (int d = 0; d < embedding.length; d++) {
            dot += embedding[d] * centroid[d];
        }
        return dot;
    }
}
