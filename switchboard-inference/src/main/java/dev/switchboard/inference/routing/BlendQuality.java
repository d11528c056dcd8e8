package dev.switchboard.inference.routing;

/** The mean of a kNN and a logistic prediction: the two err differently, so their average often ranks better. */
public record BlendQuality(KnnQuality knn, LinearQuality linear) implements QualityModel {

    @Override
    public float[] predict(float[] embedding) {
        float[] a = knn.predict(embedding);
        float[] b = linear.predict(embedding);
        for (int m = 0; m < a.length; m++) {
            a[m] = (a[m] + b[m]) / 2;
        }
        return a;
    }

    @Override
    public String describe() {
        return "blend(" + knn.describe() + ", " + linear.describe() + ")";
    }
}
