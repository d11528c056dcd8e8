package dev.switchboard.inference.encoder;

/** Small vector helpers shared by the encoder and the heads. */
public final class Vectors {

    private Vectors() {}

    /** Scales {@code v} in place to unit L2 norm (a zero vector stays zero) and returns it. */
    public static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum == 0) {
            return v;
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** Pools token states {@code [tokens][dim]} into one unit-length vector. */
    public static float[] pool(float[][] states, Pooling pooling) {
        return normalize(pooling == Pooling.CLS ? states[0].clone() : mean(states));
    }

    private static float[] mean(float[][] states) {
        float[] sum = new float[states[0].length];
        for (float[] state : states) {
            for (int d = 0; d < sum.length; d++) {
                sum[d] += state[d];
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= states.length;
        }
        return sum;
    }
}
