package dev.switchboard.core.encode;

/**
 * The result of one encoder pass.
 *
 * @param embedding   pooled sentence embedding, L2-normalized, length {@code dimension}
 * @param tokenStates last hidden state per token, {@code [tokens][dimension]}; row i belongs to {@code offsets[i]}
 * @param offsets     character span {@code [start, end)} in the original text of each token (special tokens get
 *                    {@code [0, 0)})
 * @param truncated   true when the text was longer than the encoder's window and only part of it was encoded
 */
public record Encoding(float[] embedding, float[][] tokenStates, int[][] offsets, boolean truncated) {

    /** Cosine similarity of two normalized embeddings. */
    public static float cosine(float[] a, float[] b) {
        float dot = 0f;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
