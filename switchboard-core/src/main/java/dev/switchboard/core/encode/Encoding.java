package dev.switchboard.core.encode;

import java.util.Map;

/**
 * The result of one encoder pass.
 *
 * @param embedding   pooled sentence embedding, L2-normalized, length {@code dimension}
 * @param tokenStates last hidden state per token, {@code [tokens][dimension]}; row i belongs to {@code offsets[i]}
 * @param offsets     character span {@code [start, end)} in the original text of each token (special tokens get
 *                    {@code [0, 0)})
 * @param truncated   true when the text was longer than the encoder's window and only part of it was encoded
 * @param outputs     further outputs of the same pass by name, e.g. a fine-tuned branch's probability grafted onto
 *                    the encoder graph (empty for an encoder without branches)
 */
public record Encoding(float[] embedding, float[][] tokenStates, int[][] offsets, boolean truncated,
                       Map<String, float[]> outputs) {

    public Encoding {
        outputs = Map.copyOf(outputs);
    }

    /** A pass without further outputs. */
    public Encoding(float[] embedding, float[][] tokenStates, int[][] offsets, boolean truncated) {
        this(embedding, tokenStates, offsets, truncated, Map.of());
    }

    /** Cosine similarity of two normalized embeddings. */
    public static float cosine(float[] a, float[] b) {
        float dot = 0f;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
