package dev.switchboard.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.encode.Encoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The learned tool ranker: a linear score over nine features of a (request, tool) pair that say nothing about which
 * tool it is — the cosine of the request to the tool's whole text, to its name and to its description, the best of
 * the three, the tool's BM25 score (as a share of the set's best and as a logarithm), and the cosines of the
 * request's token mean to the three views' token means ({@link TokenMean}) — so it carries over to
 * tools it never saw (checked on MetaTool tools held out of training, docs/tools.md). Trained by
 * {@code switchboard train tools} (softmax over each query's candidate tools) and shipped as
 * {@value #RESOURCE}, with the encoder it was trained for: under another encoder the router ranks by
 * {@link HybridScore} instead. Immutable, so thread-safe.
 */
public final class ToolScorer {

    public static final String RESOURCE = "/switchboard/tools/scorer.json";
    public static final String FORMAT = "switchboard-tool-scorer/2";
    /** Feature names in the order of {@link #features}; the weights file must list the same. */
    public static final List<String> FEATURES = List.of("cos_text", "cos_name", "cos_description", "cos_best",
            "bm25_share", "bm25_log", "tokens_text", "tokens_name", "tokens_description");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String encoder;
    private final double[] weights;

    public ToolScorer(String encoder, double[] weights) {
        if (weights.length != FEATURES.size()) {
            throw new IllegalArgumentException("a tool scorer has " + FEATURES.size() + " weights, not "
                    + weights.length);
        }
        this.encoder = encoder;
        this.weights = weights.clone();
    }

    /** The scorer shipped in the jar when it was trained for {@code encoderId}, else null (rank by HybridScore). */
    public static ToolScorer shippedFor(String encoderId) {
        try (InputStream in = ToolScorer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            ToolScorer scorer = read(JSON.readTree(in));
            return scorer.encoder.equals(encoderId) ? scorer : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** A scorer from its JSON form ({@code format}, {@code encoder}, {@code features}, {@code weights}). */
    public static ToolScorer read(JsonNode root) {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not a " + FORMAT + " file");
        }
        List<String> features = new ArrayList<>();
        root.path("features").forEach(f -> features.add(f.asText()));
        if (!features.equals(FEATURES)) {
            throw new IllegalArgumentException("tool scorer features " + features + " are not " + FEATURES);
        }
        double[] weights = new double[FEATURES.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = root.path("weights").path(i).asDouble();
        }
        return new ToolScorer(root.path("encoder").asText(), weights);
    }

    public String encoder() {
        return encoder;
    }

    public double[] weights() {
        return weights.clone();
    }

    /**
     * The features of every tool against one request.
     *
     * @param query          the request's sentence embedding
     * @param queryTokens    the request's token mean ({@link TokenMean})
     * @param textSimilarity the cosine to each tool's text (or to its catalogue examples, when higher)
     * @param lexical        each tool's BM25 score against the request
     */
    public static double[][] features(float[] query, float[] queryTokens, ToolVectors[] tools, double[] textSimilarity,
                                      double[] lexical) {
        double best = 0;
        for (double score : lexical) {
            best = Math.max(best, score);
        }
        double[][] features = new double[tools.length][];
        for (int i = 0; i < tools.length; i++) {
            double name = Encoding.cosine(query, tools[i].name());
            double description = Encoding.cosine(query, tools[i].description());
            ToolVectors t = tools[i];
            features[i] = new double[] {textSimilarity[i], name, description,
                    Math.max(textSimilarity[i], Math.max(name, description)),
                    best > 0 ? lexical[i] / best : 0, Math.log1p(lexical[i]),
                    Encoding.cosine(queryTokens, t.textTokens()), Encoding.cosine(queryTokens, t.nameTokens()),
                    Encoding.cosine(queryTokens, t.descriptionTokens())};
        }
        return features;
    }

    /** Each tool's score: the weighted sum of its features (only the order matters). */
    public double[] scores(double[][] features) {
        double[] scores = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            for (int j = 0; j < weights.length; j++) {
                scores[i] += weights[j] * features[i][j];
            }
        }
        return scores;
    }
}
