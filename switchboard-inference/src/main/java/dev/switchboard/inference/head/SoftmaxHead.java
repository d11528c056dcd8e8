package dev.switchboard.inference.head;

import java.util.List;

/**
 * A classifier over sentence embeddings, optionally extended by {@link LexicalFeatures} of the raw text: softmax
 * regression, or a one-hidden-layer ReLU network when {@code hiddenWeights} is present. It records which encoder produced the embeddings it was trained on, so that
 * a head is never applied to vectors from another model (see {@link #requireCompatible}).
 *
 * @param modelId       {@code TextEncoder.modelId()} of the encoder the head was trained on
 * @param dimension     embedding width
 * @param lexicalBuckets width of the {@link LexicalFeatures} appended to the embedding, 0 for none
 * @param labels        output classes, in logit order
 * @param hiddenWeights {@code [hidden][inputWidth]}, or null for a linear head
 * @param hiddenBias    {@code [hidden]}, or null
 * @param outWeights    {@code [labels][hidden or inputWidth]}
 * @param outBias       {@code [labels]}
 */
public record SoftmaxHead(String modelId, int dimension, int lexicalBuckets, List<String> labels, float[][] hiddenWeights,
                          float[] hiddenBias, float[][] outWeights, float[] outBias) {

    public SoftmaxHead {
        labels = List.copyOf(labels);
        if (outWeights.length != labels.size() || outBias.length != labels.size()) {
            throw new IllegalArgumentException("output layer does not match " + labels.size() + " labels");
        }
        int width = dimension + lexicalBuckets;
        int in = hiddenWeights == null ? width : hiddenWeights.length;
        if (outWeights[0].length != in || hiddenWeights != null && hiddenWeights[0].length != width) {
            throw new IllegalArgumentException("layer widths do not match input width " + width);
        }
    }

    /** Width of the head's input: embedding plus lexical features. */
    public int inputWidth() {
        return dimension + lexicalBuckets;
    }

    /** The head's input for one text: its embedding followed by its lexical features (if the head uses them). */
    public float[] features(float[] embedding, String text) {
        return concat(embedding, text, lexicalBuckets);
    }

    /** {@code embedding} followed by {@code buckets} lexical features of {@code text}. */
    public static float[] concat(float[] embedding, String text, int buckets) {
        if (buckets == 0) {
            return embedding;
        }
        float[] out = java.util.Arrays.copyOf(embedding, embedding.length + buckets);
        System.arraycopy(LexicalFeatures.of(text, buckets), 0, out, embedding.length, buckets);
        return out;
    }

    /** Whether this head has a hidden layer. */
    public boolean isMlp() {
        return hiddenWeights != null;
    }

    /** Refuses use with an encoder other than the one the head was trained on. */
    public void requireCompatible(String encoderModelId, int encoderDimension) {
        if (!modelId.equals(encoderModelId) || dimension != encoderDimension) {
            throw new IncompatibleHeadException("Head was trained for encoder '" + modelId + "' (dimension "
                    + dimension + ") but the encoder in use is '" + encoderModelId + "' (dimension "
                    + encoderDimension + "); retrain the head for this encoder (see docs/accuracy.md)");
        }
    }

    /** Class probabilities for one input from {@link #features}, in {@link #labels()} order. */
    public float[] probabilities(float[] features) {
        return softmax(logits(features));
    }

    /** Raw scores before softmax. */
    public float[] logits(float[] features) {
        float[] input = isMlp() ? hidden(features) : features;
        return affine(outWeights, outBias, input);
    }

    /** Activations of the hidden layer (after ReLU). */
    public float[] hidden(float[] features) {
        float[] h = affine(hiddenWeights, hiddenBias, features);
        for (int i = 0; i < h.length; i++) {
            h[i] = Math.max(0f, h[i]);
        }
        return h;
    }

    static float[] affine(float[][] weights, float[] bias, float[] x) {
        float[] out = new float[weights.length];
        for (int r = 0; r < weights.length; r++) {
            float sum = bias[r];
            float[] row = weights[r];
            for (int c = 0; c < x.length; c++) {
                sum += row[c] * x[c];
            }
            out[r] = sum;
        }
        return out;
    }

    /** Numerically stable softmax, in place. */
    public static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) Math.exp(logits[i] - max);
            sum += logits[i];
        }
        for (int i = 0; i < logits.length; i++) {
            logits[i] /= (float) sum;
        }
        return logits;
    }
}
