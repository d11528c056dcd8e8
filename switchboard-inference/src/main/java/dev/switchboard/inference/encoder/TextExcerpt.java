package dev.switchboard.inference.encoder;

import java.util.List;

/**
 * The part of a text a guard head reads under a token budget: all of it when it fits, else its head and its tail —
 * the first and the last {@code maxTokens / 2} tokens. The head is where a prompt says what it asks; the tail is
 * where an instruction appended to a pasted document sits.
 *
 * <p>Bounded work whatever the text's length: the text is cut by characters first (generously,
 * {@link OnnxEncoder#CHARS_PER_TOKEN_BOUND} a token), and only those pieces are tokenized.
 *
 * @param parts the pieces to read, each with its offset in the original text
 * @param cut   true when the middle of the text was left out
 */
public record TextExcerpt(List<Part> parts, boolean cut) {

    /** A piece of the original text starting at {@code offset}. */
    public record Part(int offset, String text) {}

    /** The excerpt of {@code text} of at most {@code maxTokens} content tokens (at least 2). */
    public static TextExcerpt of(WindowEncoder encoder, String text, int maxTokens) {
        if (text.length() <= maxTokens) { // every token covers at least one character
            return whole(text);
        }
        int half = Math.max(1, maxTokens / 2);
        int chars = (int) Math.min(text.length(), (long) half * OnnxEncoder.CHARS_PER_TOKEN_BOUND);
        int headEnd = headEnd(encoder, text.substring(0, safeCut(text, chars)), half);
        int tailFrom = safeCut(text, text.length() - chars);
        int tailStart = tailFrom + tailStart(encoder, text.substring(tailFrom), half);
        if (headEnd >= tailStart) {
            return whole(text);
        }
        return new TextExcerpt(List.of(new Part(0, text.substring(0, headEnd)),
                new Part(tailStart, text.substring(tailStart))), true);
    }

    private static TextExcerpt whole(String text) {
        return new TextExcerpt(List.of(new Part(0, text)), false);
    }

    /** Where the first {@code half} tokens of {@code piece} end (its length when it has no more). */
    private static int headEnd(WindowEncoder encoder, String piece, int half) {
        int[][] spans = encoder.tokenSpans(piece);
        return spans.length <= half ? piece.length() : spans[half - 1][1];
    }

    /** Where the last {@code half} tokens of {@code piece} start (0 when it has no more). */
    private static int tailStart(WindowEncoder encoder, String piece, int half) {
        int[][] spans = encoder.tokenSpans(piece);
        return spans.length <= half ? 0 : spans[spans.length - half][0];
    }

    /** {@code at}, moved back by one when it would split a surrogate pair. */
    private static int safeCut(String text, int at) {
        return at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at)) ? at - 1 : at;
    }
}
