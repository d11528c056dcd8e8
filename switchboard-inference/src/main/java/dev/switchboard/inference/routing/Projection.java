package dev.switchboard.inference.routing;

import dev.switchboard.inference.encoder.Vectors;
import java.util.Random;

/**
 * A linear map from the encoder's embedding to its top principal directions on the training prompts, normalized
 * again afterwards so that kNN keeps using cosine similarity. With 64 of 384 dimensions the kNN search reads a sixth
 * of the bytes per training prompt, which is what it spends its time on.
 *
 * @param mean  the training embeddings' mean, subtracted before projecting
 * @param basis {@code dims} orthonormal directions, dimension-major: {@code basis[d * dims + j]} is direction j's
 *              weight on input dimension d
 * @param dims  the number of directions kept
 */
public record Projection(float[] mean, float[] basis, int dims) {

    /** Subspace iterations: enough for the span of the top directions, which is all kNN needs. */
    private static final int ITERATIONS = 30;

    /** The normalized projection of {@code embedding}. */
    public float[] apply(float[] embedding) {
        float[] out = new float[dims];
        for (int d = 0; d < mean.length; d++) {
            float centred = embedding[d] - mean[d];
            int base = d * dims;
            for (int j = 0; j < dims; j++) {
                out[j] += centred * basis[base + j];
            }
        }
        return Vectors.normalize(out);
    }

    /** The top {@code dims} principal directions of {@code x} by orthogonal iteration on its covariance, seeded. */
    public static Projection fit(float[][] x, int dims, long seed) {
        int width = x[0].length;
        float[] mean = new float[width];
        for (float[] row : x) {
            for (int d = 0; d < width; d++) {
                mean[d] += row[d] / x.length;
            }
        }
        double[][] covariance = covariance(x, mean);
        double[][] q = random(dims, width, new Random(seed));
        for (int it = 0; it < ITERATIONS; it++) {
            q = orthonormalize(multiply(covariance, q));
        }
        float[] basis = new float[width * dims];
        for (int j = 0; j < dims; j++) {
            for (int d = 0; d < width; d++) {
                basis[d * dims + j] = (float) q[j][d];
            }
        }
        return new Projection(mean, basis, dims);
    }

    private static double[][] covariance(float[][] x, float[] mean) {
        int width = mean.length;
        double[][] c = new double[width][width];
        double[] centred = new double[width];
        for (float[] row : x) {
            for (int d = 0; d < width; d++) {
                centred[d] = row[d] - mean[d];
            }
            for (int a = 0; a < width; a++) {
                double ca = centred[a];
                double[] ra = c[a];
                for (int b = 0; b < width; b++) {
                    ra[b] += ca * centred[b];
                }
            }
        }
        return c;
    }

    private static double[][] random(int rows, int width, Random random) {
        double[][] q = new double[rows][width];
        for (double[] row : q) {
            for (int d = 0; d < width; d++) {
                row[d] = random.nextGaussian();
            }
        }
        return q;
    }

    /** Each of {@code q}'s rows (directions) multiplied by the symmetric matrix {@code c}. */
    private static double[][] multiply(double[][] c, double[][] q) {
        double[][] out = new double[q.length][c.length];
        for (int j = 0; j < q.length; j++) {
            for (int a = 0; a < c.length; a++) {
                double sum = 0;
                double[] ca = c[a];
                for (int b = 0; b < ca.length; b++) {
                    sum += ca[b] * q[j][b];
                }
                out[j][a] = sum;
            }
        }
        return out;
    }

    /** Modified Gram-Schmidt over the rows. */
    private static double[][] orthonormalize(double[][] q) {
        for (int j = 0; j < q.length; j++) {
            for (int i = 0; i < j; i++) {
                double dot = 0;
                for (int d = 0; d < q[j].length; d++) {
                    dot += q[j][d] * q[i][d];
                }
                for (int d = 0; d < q[j].length; d++) {
                    q[j][d] -= dot * q[i][d];
                }
            }
            double norm = 0;
            for (double v : q[j]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm) + 1e-30;
            for (int d = 0; d < q[j].length; d++) {
                q[j][d] /= norm;
            }
        }
        return q;
    }
}
