package dev.switchboard.inference.train;

import java.util.Random;

/**
 * Trains one logistic unit per output on fixed features with mini-batch Adam and binary cross-entropy against soft
 * targets in [0, 1] (a model's score on a prompt). Single-threaded and seeded: same data, same weights.
 */
public final class ScoreHeadTrainer {

    /** Trained parameters: {@code weights[outputs][features]} and {@code bias[outputs]}. */
    public record Weights(float[][] weights, float[] bias) {}

    private final int epochs;
    private final int batchSize;
    private final float learningRate;
    private final float l2;
    private final long seed;

    public ScoreHeadTrainer(int epochs, int batchSize, float learningRate, float l2, long seed) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.l2 = l2;
        this.seed = seed;
    }

    /** @param x features {@code [examples][features]}; @param y targets {@code [examples][outputs]} in [0, 1] */
    public Weights train(float[][] x, float[][] y) {
        Random random = new Random(seed);
        DenseLayer layer = new DenseLayer(x[0].length, y[0].length, random);
        scaleDown(layer);
        int[] order = java.util.stream.IntStream.range(0, x.length).toArray();
        int steps = epochs * ((x.length + batchSize - 1) / batchSize);
        int step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            for (int start = 0; start < order.length; start += batchSize) {
                int end = Math.min(order.length, start + batchSize);
                for (int i = start; i < end; i++) {
                    layer.accumulate(residual(layer, x[order[i]], y[order[i]]), x[order[i]]);
                }
                float lr = learningRate * (1f - (float) step / steps);
                layer.step(lr, ++step, end - start, l2);
            }
        }
        return new Weights(layer.weights, layer.bias);
    }

    /** Gradient of the cross-entropy at the logits: prediction minus target. */
    private static float[] residual(DenseLayer layer, float[] x, float[] y) {
        float[] r = new float[y.length];
        for (int m = 0; m < r.length; m++) {
            float z = layer.bias[m];
            float[] w = layer.weights[m];
            for (int d = 0; d < x.length; d++) {
                z += w[d] * x[d];
            }
            r[m] = (float) (1 / (1 + Math.exp(-z))) - y[m];
        }
        return r;
    }

    // He initialisation suits ReLU layers; a logistic output starts better near zero (predicting 0.5 everywhere).
    private static void scaleDown(DenseLayer layer) {
        for (float[] row : layer.weights) {
            for (int i = 0; i < row.length; i++) {
                row[i] *= 0.01f;
            }
        }
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
