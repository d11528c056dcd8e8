package dev.switchboard.inference.routing;

/** Per-dimension mean and standard deviation of training embeddings, so that heads learn on unit-scale inputs. */
final class Standardizer {

    private Standardizer() {}

    /** {@code {mean, scale}} over the rows of {@code x}; scale is the standard deviation plus a small epsilon. */
    static float[][] fit(float[][] x) {
        float[] mean = new float[x[0].length];
        float[] scale = new float[x[0].length];
        for (float[] row : x) {
            for (int d = 0; d < row.length; d++) {
                mean[d] += row[d] / x.length;
            }
        }
        for (float[] row : x) {
            for (int d = 0; d < row.length; d++) {
                scale[d] += (row[d] - mean[d]) * (row[d] - mean[d]) / x.length;
            }
        }
        for (int d = 0; d < scale.length; d++) {
            scale[d] = (float) Math.sqrt(scale[d]) + 1e-6f;
        }
        return new float[][] {mean, scale};
    }

    /** The rows of {@code x} standardized with {@code fitted} ({@code {mean, scale}}). */
    static float[][] apply(float[][] fitted, float[][] x) {
        float[][] out = new float[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int d = 0; d < x[i].length; d++) {
                out[i][d] = (x[i][d] - fitted[0][d]) / fitted[1][d];
            }
        }
        return out;
    }
}
