package dev.switchboard.inference.routing;

/**
 * One logistic unit per model over the standardized embedding: {@code sigmoid(w_m · (x - mean) / scale + b_m)}.
 *
 * @param l2 the weight decay it was trained with, for the manifest
 */
public record LinearQuality(float[] mean, float[] scale, float[][] weights, float[] bias, float l2)
        implements QualityModel {

    @Override
    public float[] predict(float[] embedding) {
        float[] x = standardize(embedding);
        float[] out = new float[weights.length];
        for (int m = 0; m < out.length; m++) {
            float z = bias[m];
            float[] w = weights[m];
            for (int d = 0; d < x.length; d++) {
                z += w[d] * x[d];
            }
            out[m] = (float) (1 / (1 + Math.exp(-z)));
        }
        return out;
    }

    float[] standardize(float[] embedding) {
        float[] x = new float[embedding.length];
        for (int d = 0; d < x.length; d++) {
            x[d] = (embedding[d] - mean[d]) / scale[d];
        }
        return x;
    }

    @Override
    public String describe() {
        return "logistic(l2=" + l2 + ")";
    }
}
