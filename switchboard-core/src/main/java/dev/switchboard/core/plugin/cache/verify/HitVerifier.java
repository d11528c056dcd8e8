package dev.switchboard.core.plugin.cache.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The second opinion on a semantic cache candidate: a small trained pair model (logistic regression or a tiny
 * MLP over {@link PairFeatures}) that says whether a cached answer to one question answers another. Candidates come
 * from the vector index at a low similarity; this model decides. Its weights, its cut (chosen on a validation split
 * for at most 1 % false hits) and its manifest ship in {@code switchboard/cache/}; {@code training/cache/} makes them.
 */
public final class HitVerifier {

    /** The bundled weights. */
    public static final String RESOURCE = "/switchboard/cache/verifier.json";
    private static final String FORMAT = "switchboard-cache-verifier/1";
    private static volatile HitVerifier bundled;

    private final float[] mean;
    private final float[] scale;
    private final List<Layer> layers;
    private final double cut;
    private final double candidateSimilarity;

    private record Layer(float[][] weights, float[] bias, boolean relu) {}

    private HitVerifier(float[] mean, float[] scale, List<Layer> layers, double cut, double candidateSimilarity) {
        this.mean = mean;
        this.scale = scale;
        this.layers = layers;
        this.cut = cut;
        this.candidateSimilarity = candidateSimilarity;
    }

    /** The verifier shipped with Switchboard, read once. */
    public static HitVerifier bundled() {
        HitVerifier current = bundled;
        if (current == null) {
            try (InputStream in = HitVerifier.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                current = read(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + RESOURCE, e);
            }
            bundled = current;
        }
        return current;
    }

    /** Parses a weight file; refuses one made for other features. */
    public static HitVerifier read(JsonNode root) {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not a " + FORMAT + " file");
        }
        List<String> names = new ArrayList<>();
        root.path("feature_names").forEach(n -> names.add(n.asText()));
        if (!names.equals(PairFeatures.NAMES)) {
            throw new IllegalArgumentException("verifier weights were trained on features " + names
                    + ", this build computes " + PairFeatures.NAMES);
        }
        List<Layer> layers = new ArrayList<>();
        root.path("layers").forEach(l -> layers.add(new Layer(matrix(l.get("weights")), vector(l.get("bias")),
                "relu".equals(l.path("activation").asText()))));
        return new HitVerifier(vector(root.get("mean")), vector(root.get("scale")), layers,
                root.path("cut").asDouble(), root.path("candidate_min_similarity").asDouble());
    }

    /** Probability that {@code cached}'s answer answers {@code query}. */
    public double score(QuestionView query, QuestionView cached) {
        return score(PairFeatures.of(query, cached));
    }

    /** The model's probability for precomputed features. */
    public double score(float[] features) {
        float[] x = new float[features.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (features[i] - mean[i]) / scale[i];
        }
        for (Layer layer : layers) {
            x = apply(layer, x);
        }
        return 1.0 / (1.0 + Math.exp(-x[0]));
    }

    /** True when the model's score reaches the cut: serve the cached answer. */
    public boolean accepts(QuestionView query, QuestionView cached) {
        return score(query, cached) >= cut;
    }

    /** The score a hit needs, chosen on validation data for at most 1 % false hits. */
    public double cut() {
        return cut;
    }

    /** Cosine similarity from which the index offers a candidate to this verifier. */
    public double candidateSimilarity() {
        return candidateSimilarity;
    }

    private static float[] apply(Layer layer, float[] x) {
        float[] out = new float[layer.bias().length];
        for (int o = 0; o < out.length; o++) {
            float sum = layer.bias()[o];
            float[] row = layer.weights()[o];
            for (int i = 0; i < x.length; i++) {
                sum += row[i] * x[i];
            }
            out[o] = layer.relu() ? Math.max(0f, sum) : sum;
        }
        return out;
    }

    private static float[][] matrix(JsonNode node) {
        float[][] out = new float[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(node.get(i));
        }
        return out;
    }

    private static float[] vector(JsonNode node) {
        float[] out = new float[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) node.get(i).asDouble();
        }
        return out;
    }
}
