package dev.switchboard.inference.encoder;

/**
 * The content tokens of a text, without special tokens.
 *
 * @param ids   token ids
 * @param spans character span {@code [start, end)} of each token in the original (UTF-16) string
 */
record TokenizedText(long[] ids, int[][] spans) {

    int length() {
        return ids.length;
    }
}
