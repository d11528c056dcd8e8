package dev.switchboard.inference.routing;

/**
 * A low-rank logistic model shared by all models (matrix factorisation over prompts and models): the standardized
 * embedding is projected to {@code rank} factors once, and each model scores them with its own vector,
 * {@code sigmoid(u_m · W (x - mean) / scale + b_m)}. Every model's outcomes train the shared projection, so a model
 * borrows what the others' results say about a prompt (its subject, its difficulty), where a per-model kNN or
 * logistic unit learns from its own column alone.
 *
 * @param projection   {@code [rank][dims]}: the shared prompt factors
 * @param modelVectors {@code [models][rank]}: each model's weights over the factors
 * @param l2           the weight decay it was trained with, for the manifest
 */
public record FactorQuality(float[] mean, float[] scale, float[][] projection, float[][] modelVectors, float[] bias,
                            float l2) implements QualityModel {

    @Override
    public float[] predict(float[] embedding) {
        float[] h = factors(embedding);
        float[] out = new float[modelVectors.length];
        for (int m = 0; m < out.length; m++) {
            out[m] = (float) (1 / (1 + Math.exp(-logit(h, m))));
        }
        return out;
    }

    /** The prompt's factors, {@code W (x - mean) / scale}. */
    float[] factors(float[] embedding) {
        float[] x = new float[embedding.length];
        for (int d = 0; d < x.length; d++) {
            x[d] = (embedding[d] - mean[d]) / scale[d];
        }
        float[] h = new float[projection.length];
        for (int r = 0; r < h.length; r++) {
            float[] w = projection[r];
            float z = 0;
            for (int d = 0; d < w.length; d++) {
                z += w[d] * x[d];
            }
            h[r] = z;
        }
        return h;
    }

    float logit(float[] factors, int model) {
        float[] u = modelVectors[model];
        float z = bias[model];
        for (int r = 0; r < u.length; r++) {
            z += u[r] * factors[r];
        }
        return z;
    }

    public int rank() {
        return projection.length;
    }

    @Override
    public String describe() {
        return "factors(rank=" + rank() + ", l2=" + l2 + ")";
    }
}
