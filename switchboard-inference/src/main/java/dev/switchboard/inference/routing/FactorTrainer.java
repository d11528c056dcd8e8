package dev.switchboard.inference.routing;

import java.util.Random;

/**
 * Fits a {@link FactorQuality} by mini-batch Adam on the binary cross-entropy between predicted and recorded scores,
 * over every (prompt, model) pair that has a score: unknown scores (recorded traffic, one model per prompt) are
 * skipped rather than imputed. Single-threaded and seeded: same data, same weights.
 */
final class FactorTrainer {

    private static final int BATCH = 64;
    private static final float LEARNING_RATE = 0.003f;

    private final int rank;
    private final float l2;
    private final int epochs;
    private final long seed;

    FactorTrainer(int rank, float l2, int epochs, long seed) {
        this.rank = rank;
        this.l2 = l2;
        this.epochs = epochs;
        this.seed = seed;
    }

    /** @param x normalized embeddings; @param y scores {@code [rows][models]} in [0, 1], NaN where unknown */
    FactorQuality fit(float[][] x, float[][] y) {
        float[][] standard = Standardizer.fit(x);
        float[][] z = Standardizer.apply(standard, x);
        Random random = new Random(seed);
        Params p = Params.init(rank, x[0].length, y[0].length, meanScores(y), random);
        int[] order = java.util.stream.IntStream.range(0, z.length).toArray();
        int steps = epochs * ((z.length + BATCH - 1) / BATCH);
        int step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            for (int start = 0; start < order.length; start += BATCH) {
                int end = Math.min(order.length, start + BATCH);
                for (int i = start; i < end; i++) {
                    p.accumulate(z[order[i]], y[order[i]]);
                }
                p.step(LEARNING_RATE * (1f - (float) step / steps), ++step, end - start, l2);
            }
        }
        return p.toModel(standard[0], standard[1], l2);
    }

    private static float[] meanScores(float[][] y) {
        float[] mean = new float[y[0].length];
        int[] count = new int[mean.length];
        for (float[] row : y) {
            for (int m = 0; m < mean.length; m++) {
                if (!Float.isNaN(row[m])) {
                    mean[m] += row[m];
                    count[m]++;
                }
            }
        }
        for (int m = 0; m < mean.length; m++) {
            mean[m] = count[m] == 0 ? 0.5f : mean[m] / count[m];
        }
        return mean;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The parameters being fitted (flat arrays), their gradient sums and Adam's moment estimates. */
    private static final class Params {
        final int rank;
        final int dims;
        final int models;
        final Adam projection;
        final Adam vectors;
        final Adam bias;

        private Params(int rank, int dims, int models) {
            this.rank = rank;
            this.dims = dims;
            this.models = models;
            projection = new Adam(rank * dims);
            vectors = new Adam(models * rank);
            bias = new Adam(models);
        }

        /** Small random factors; biases at each model's mean score, so training starts at the per-model average. */
        static Params init(int rank, int dims, int models, float[] meanScores, Random random) {
            Params p = new Params(rank, dims, models);
            for (int i = 0; i < p.projection.value.length; i++) {
                p.projection.value[i] = (float) (random.nextGaussian() / Math.sqrt(dims));
            }
            for (int i = 0; i < p.vectors.value.length; i++) {
                p.vectors.value[i] = (float) (random.nextGaussian() * 0.1);
            }
            for (int m = 0; m < models; m++) {
                float s = Math.min(0.99f, Math.max(0.01f, meanScores[m]));
                p.bias.value[m] = (float) Math.log(s / (1 - s));
            }
            return p;
        }

        /** Adds one prompt's gradient of the summed cross-entropy over the models it scores. */
        void accumulate(float[] x, float[] y) {
            float[] h = new float[rank];
            for (int r = 0; r < rank; r++) {
                float z = 0;
                int base = r * dims;
                for (int d = 0; d < dims; d++) {
                    z += projection.value[base + d] * x[d];
                }
                h[r] = z;
            }
            float[] gh = new float[rank];
            for (int m = 0; m < models; m++) {
                if (Float.isNaN(y[m])) {
                    continue;
                }
                int base = m * rank;
                float z = bias.value[m];
                for (int r = 0; r < rank; r++) {
                    z += vectors.value[base + r] * h[r];
                }
                float residual = (float) (1 / (1 + Math.exp(-z))) - y[m];
                bias.grad[m] += residual;
                for (int r = 0; r < rank; r++) {
                    vectors.grad[base + r] += residual * h[r];
                    gh[r] += residual * vectors.value[base + r];
                }
            }
            for (int r = 0; r < rank; r++) {
                int base = r * dims;
                for (int d = 0; d < dims; d++) {
                    projection.grad[base + d] += gh[r] * x[d];
                }
            }
        }

        void step(float lr, int t, int batch, float l2) {
            projection.step(lr, t, batch, l2);
            vectors.step(lr, t, batch, l2);
            bias.step(lr, t, batch, 0);
        }

        FactorQuality toModel(float[] mean, float[] scale, float l2) {
            float[][] w = new float[rank][dims];
            for (int r = 0; r < rank; r++) {
                System.arraycopy(projection.value, r * dims, w[r], 0, dims);
            }
            float[][] u = new float[models][rank];
            for (int m = 0; m < models; m++) {
                System.arraycopy(vectors.value, m * rank, u[m], 0, rank);
            }
            return new FactorQuality(mean, scale, w, u, bias.value.clone(), l2);
        }
    }

    /** One flat parameter array with its summed gradient and Adam moments. */
    private static final class Adam {
        private static final float BETA1 = 0.9f;
        private static final float BETA2 = 0.999f;
        final float[] value;
        final float[] grad;
        private final float[] m;
        private final float[] v;

        Adam(int size) {
            value = new float[size];
            grad = new float[size];
            m = new float[size];
            v = new float[size];
        }

        /** One Adam step on the batch's mean gradient plus L2 decay; clears the gradient sum. */
        void step(float lr, int t, int batch, float l2) {
            float c1 = 1 - (float) Math.pow(BETA1, t);
            float c2 = 1 - (float) Math.pow(BETA2, t);
            for (int i = 0; i < value.length; i++) {
                float g = grad[i] / batch + l2 * value[i];
                m[i] = BETA1 * m[i] + (1 - BETA1) * g;
                v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
                value[i] -= lr * (m[i] / c1) / ((float) Math.sqrt(v[i] / c2) + 1e-8f);
                grad[i] = 0;
            }
        }
    }
}
