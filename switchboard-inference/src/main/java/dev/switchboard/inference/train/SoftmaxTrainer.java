package dev.switchboard.inference.train;

import dev.switchboard.inference.ProgressListener;
import dev.switchboard.inference.head.SoftmaxHead;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link SoftmaxHead} on fixed embeddings with mini-batch Adam and cross-entropy loss. Single-threaded and
 * seeded, so the same data and options give bit-identical weights.
 */
public final class SoftmaxTrainer {

    private final TrainOptions options;

    public SoftmaxTrainer(TrainOptions options) {
        this.options = options;
    }

    /**
     * @param x       head inputs {@code [examples][dimension + lexicalBuckets]} (see {@link SoftmaxHead#features})
     * @param y       label index of each example
     * @param labels  label names, indexed by {@code y}
     * @param modelId the encoder the embeddings came from, recorded in the head
     */
    public SoftmaxHead train(float[][] x, int[] y, List<String> labels, String modelId, ProgressListener progress) {
        Random random = new Random(options.seed());
        int width = x[0].length;
        int dim = width - options.lexicalBuckets();
        DenseLayer hidden = options.hidden() > 0 ? new DenseLayer(width, options.hidden(), random) : null;
        DenseLayer out = new DenseLayer(hidden == null ? width : options.hidden(), labels.size(), random);
        float[] classWeight = classWeights(y, labels.size());
        int[] order = identity(x.length);
        int step = 0;
        int totalSteps = options.epochs() * ((x.length + options.batchSize() - 1) / options.batchSize());
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            shuffle(order, random);
            for (int start = 0; start < order.length; start += options.batchSize()) {
                int end = Math.min(order.length, start + options.batchSize());
                for (int i = start; i < end; i++) {
                    backprop(hidden, out, x[order[i]], y[order[i]], classWeight[y[order[i]]]);
                }
                float lr = options.learningRate() * (1f - (float) step / totalSteps);
                step++;
                out.step(lr, step, end - start, options.l2());
                if (hidden != null) {
                    hidden.step(lr, step, end - start, options.l2());
                }
            }
            progress.onProgress("train", epoch + 1, options.epochs());
        }
        return hidden == null
                ? new SoftmaxHead(modelId, dim, options.lexicalBuckets(), labels, null, null, out.weights, out.bias)
                : new SoftmaxHead(modelId, dim, options.lexicalBuckets(), labels, hidden.weights, hidden.bias,
                        out.weights, out.bias);
    }

    private static void backprop(DenseLayer hidden, DenseLayer out, float[] x, int label, float weight) {
        float[] h = hidden == null ? x : relu(affine(hidden, x));
        float[] p = SoftmaxHead.softmax(affine(out, h));
        p[label] -= 1f;
        for (int k = 0; k < p.length; k++) {
            p[k] *= weight;
        }
        if (hidden != null) {
            float[] dh = out.backward(p);
            for (int j = 0; j < dh.length; j++) {
                dh[j] = h[j] > 0 ? dh[j] : 0f;
            }
            hidden.accumulate(dh, x);
        }
        out.accumulate(p, h);
    }

    private static float[] affine(DenseLayer layer, float[] x) {
        float[] z = new float[layer.weights.length];
        for (int r = 0; r < z.length; r++) {
            float sum = layer.bias[r];
            float[] row = layer.weights[r];
            for (int c = 0; c < x.length; c++) {
                sum += row[c] * x[c];
            }
            z[r] = sum;
        }
        return z;
    }

    private static float[] relu(float[] z) {
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.max(0f, z[i]);
        }
        return z;
    }

    // Inverse-frequency weights normalized to mean 1, so that small classes (history) count as much as big ones.
    private float[] classWeights(int[] y, int classes) {
        float[] weights = new float[classes];
        java.util.Arrays.fill(weights, 1f);
        if (!options.balanceClasses()) {
            return weights;
        }
        int[] counts = new int[classes];
        for (int label : y) {
            counts[label]++;
        }
        for (int k = 0; k < classes; k++) {
            weights[k] = counts[k] == 0 ? 0f : (float) y.length / (classes * counts[k]);
        }
        return weights;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher-Yates with {@code random}, so a seed fixes the order. */
    public static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }
}
