package dev.switchboard.inference.train;

import java.util.Random;

/** A dense layer's parameters, gradients and Adam moments, for {@link SoftmaxTrainer}. */
final class DenseLayer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    final float[][] weights;
    final float[] bias;
    final float[][] gradWeights;
    final float[] gradBias;
    private final float[][] m;
    private final float[][] v;
    private final float[] mb;
    private final float[] vb;

    /** He-initialized {@code outputs x inputs} layer. */
    DenseLayer(int inputs, int outputs, Random random) {
        weights = new float[outputs][inputs];
        float scale = (float) Math.sqrt(2.0 / inputs);
        for (float[] row : weights) {
            for (int i = 0; i < inputs; i++) {
                row[i] = (float) random.nextGaussian() * scale;
            }
        }
        bias = new float[outputs];
        gradWeights = new float[outputs][inputs];
        gradBias = new float[outputs];
        m = new float[outputs][inputs];
        v = new float[outputs][inputs];
        mb = new float[outputs];
        vb = new float[outputs];
    }

    /** Accumulates the gradient for one example: {@code delta} at the outputs, {@code input} at the inputs. */
    void accumulate(float[] delta, float[] input) {
        for (int r = 0; r < delta.length; r++) {
            float d = delta[r];
            if (d == 0f) {
                continue;
            }
            float[] g = gradWeights[r];
            for (int c = 0; c < input.length; c++) {
                g[c] += d * input[c];
            }
            gradBias[r] += d;
        }
    }

    /** {@code W^T delta}: the gradient with respect to this layer's input. */
    float[] backward(float[] delta) {
        float[] out = new float[weights[0].length];
        for (int r = 0; r < delta.length; r++) {
            float[] row = weights[r];
            for (int c = 0; c < out.length; c++) {
                out[c] += delta[r] * row[c];
            }
        }
        return out;
    }

    /** One Adam step on the averaged batch gradient, with decoupled weight decay; clears the gradients. */
    void step(float lr, int t, int batch, float l2) {
        float c1 = 1 - (float) Math.pow(BETA1, t);
        float c2 = 1 - (float) Math.pow(BETA2, t);
        for (int r = 0; r < weights.length; r++) {
            for (int c = 0; c < weights[r].length; c++) {
                float g = gradWeights[r][c] / batch;
                m[r][c] = BETA1 * m[r][c] + (1 - BETA1) * g;
                v[r][c] = BETA2 * v[r][c] + (1 - BETA2) * g * g;
                weights[r][c] -= lr * ((m[r][c] / c1) / ((float) Math.sqrt(v[r][c] / c2) + EPS) + l2 * weights[r][c]);
                gradWeights[r][c] = 0f;
            }
            float g = gradBias[r] / batch;
            mb[r] = BETA1 * mb[r] + (1 - BETA1) * g;
            vb[r] = BETA2 * vb[r] + (1 - BETA2) * g * g;
            bias[r] -= lr * (mb[r] / c1) / ((float) Math.sqrt(vb[r] / c2) + EPS);
            gradBias[r] = 0f;
        }
    }
}
