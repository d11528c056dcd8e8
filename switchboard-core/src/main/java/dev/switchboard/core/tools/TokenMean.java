package dev.switchboard.core.tools;

import dev.switchboard.core.encode.Encoding;

/**
 * The mean of an encoder pass's content-token states, L2-normalized: a second embedding of the same text, read from
 * the pass already made (the shared pass for the request; the tool's own pass for a tool view), so it costs no
 * encoder call. Special tokens (empty character span) are left out. The sentence embedding is kept when a pass has
 * no content token.
 */
public final class TokenMean {

    private TokenMean() {}

    /** The normalized mean of {@code encoding}'s content-token states. */
    public static float[] of(Encoding encoding) {
        float[][] states = encoding.tokenStates();
        if (states == null || states.length == 0 || encoding.offsets() == null) {
            return encoding.embedding();
        }
        float[] mean = new float[states[0].length];
        int count = 0;
        for (int t = 0; t < states.length; t++) {
            int[] span = encoding.offsets()[t];
            if (span[1] > span[0]) {
                for (int d = 0; d < mean.length; d++) {
                    mean[d] += states[t][d];
                }
                count++;
            }
        }
        return count == 0 ? encoding.embedding() : normalized(mean);
    }

    private static float[] normalized(float[] v) {
        double norm = Math.sqrt(Encoding.cosine(v, v));
        if (norm == 0) {
            return v;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) norm;
        }
        return v;
    }
}
