package dev.switchboard.core.plugin.cache.verify;

import dev.switchboard.core.encode.Encoding;
import java.util.Random;

/**
 * A compact stand-in for a question's token states, kept with each cache entry so the verifier can align two
 * questions token by token without encoding the cached one again.
 *
 * <p>Each content token's state (special tokens, punctuation and function words skipped, at most
 * {@value #MAX_TOKENS} tokens)
 * is projected by a fixed seeded Gaussian matrix to {@value #DIMENSION} dimensions and quantized to signed bytes
 * (scaled so its largest component is ±127; cosine ignores the scale). Memory per entry is bounded by
 * {@code MAX_TOKENS * DIMENSION} = 1,536 bytes. The projection is a pure function of the seed, so sketches written by
 * one process are read by another (the PostgreSQL backend), and features at training time equal those at runtime.
 */
public final class TokenSketch {

    public static final int MAX_TOKENS = 32;
    public static final int DIMENSION = 48;
    private static final long PROJECTION_SEED = 20261206L;
    private static volatile float[][] projection;

    private TokenSketch() {}

    /** The sketch of {@code text}'s tokens in {@code encoding}: {@code tokens * DIMENSION} bytes, row-major. */
    public static byte[] of(String text, Encoding encoding) {
        float[][] states = encoding.tokenStates();
        int[][] offsets = encoding.offsets();
        float[][] matrix = projection(states.length == 0 ? 0 : states[0].length);
        byte[] out = new byte[Math.min(MAX_TOKENS, states.length) * DIMENSION];
        int rows = 0;
        for (int i = 0; i < states.length && rows < MAX_TOKENS; i++) {
            if (isContent(text, offsets[i])) {
                quantize(project(states[i], matrix), out, rows++ * DIMENSION);
            }
        }
        return java.util.Arrays.copyOf(out, rows * DIMENSION);
    }

    /** Tokens held by {@code sketch}. */
    public static int tokens(byte[] sketch) {
        return sketch.length / DIMENSION;
    }

    /** Cosine similarity of token {@code i} of {@code a} and token {@code j} of {@code b}. */
    static float cosine(byte[] a, int i, byte[] b, int j) {
        int dot = 0;
        int normA = 0;
        int normB = 0;
        for (int k = 0, x = i * DIMENSION, y = j * DIMENSION; k < DIMENSION; k++, x++, y++) {
            dot += a[x] * b[y];
            normA += a[x] * a[x];
            normB += b[y] * b[y];
        }
        return normA == 0 || normB == 0 ? 0f : (float) (dot / Math.sqrt((double) normA * normB));
    }

    /** A token of a word that carries meaning: not a special token, punctuation, or a function word. */
    private static boolean isContent(String text, int[] span) {
        if (span[1] <= span[0] || span[1] > text.length()) {
            return false; // special tokens carry [0, 0)
        }
        int start = span[0];
        int end = span[1];
        while (start > 0 && isWordChar(text.charAt(start - 1))) {
            start--;
        }
        while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
        }
        String word = text.substring(start, end).toLowerCase(java.util.Locale.ROOT);
        return word.chars().anyMatch(Character::isLetterOrDigit) && !Words.isFunctionWord(word);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'';
    }

    private static float[] project(float[] state, float[][] matrix) {
        float[] out = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            float[] row = matrix[d];
            float sum = 0f;
            for (int k = 0; k < state.length; k++) {
                sum += row[k] * state[k];
            }
            out[d] = sum;
        }
        return out;
    }

    private static void quantize(float[] vector, byte[] out, int at) {
        float max = 1e-12f;
        for (float v : vector) {
            max = Math.max(max, Math.abs(v));
        }
        for (int d = 0; d < DIMENSION; d++) {
            out[at + d] = (byte) Math.round(vector[d] * 127f / max);
        }
    }

    /** The projection for states of width {@code width}; built once (java.util.Random is specified, so stable). */
    private static float[][] projection(int width) {
        float[][] current = projection;
        if (current != null && current[0].length == width) {
            return current;
        }
        Random random = new Random(PROJECTION_SEED);
        float[][] matrix = new float[DIMENSION][width];
        for (float[] row : matrix) {
            for (int k = 0; k < width; k++) {
                row[k] = (float) random.nextGaussian();
            }
        }
        projection = matrix;
        return matrix;
    }
}
