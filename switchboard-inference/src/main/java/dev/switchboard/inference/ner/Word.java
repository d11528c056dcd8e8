package dev.switchboard.inference.ner;

import java.util.ArrayList;
import java.util.List;

/**
 * A word of the text as the entity decoder sees it: a whitespace-separated run with leading and trailing
 * punctuation and a possessive "'s" cut off ("Kovalev," → "Kovalev"), and the tokens that fall inside it. Runs of
 * punctuation alone are not words; an address continues across them.
 *
 * @param start       first char of the word
 * @param end         one past its last char
 * @param firstToken  index of its first token in the encoding
 * @param lastToken   index of its last token (inclusive)
 */
record Word(int start, int end, int firstToken, int lastToken) {

    /** The words that the encoding's tokens cover, in order. */
    static List<Word> split(String text, int[][] offsets) {
        List<Word> words = new ArrayList<>();
        int t = 0;
        while (t < offsets.length) {
            if (offsets[t][1] <= offsets[t][0] || offsets[t][0] >= text.length()) {
                t++;
                continue;
            }
            int runStart = TokenFeatures.wordStart(text, offsets[t][0]);
            int runEnd = TokenFeatures.wordEnd(text, offsets[t][0]);
            int first = t;
            while (t + 1 < offsets.length && offsets[t + 1][1] > offsets[t + 1][0] && offsets[t + 1][0] < runEnd) {
                t++;
            }
            int start = runStart;
            int end = runEnd;
            while (start < end && !Character.isLetterOrDigit(text.charAt(start))) {
                start++;
            }
            while (end > start && !Character.isLetterOrDigit(text.charAt(end - 1))) {
                end--;
            }
            if (end - start > 2 && (text.startsWith("'s", end - 2) || text.startsWith("\u2019s", end - 2))) {
                end -= 2; // "Sarah's": the name is Sarah, and the tokens of "'s" would dilute its scores
            }
            if (end > start) {
                int firstInside = first;
                int lastInside = t;
                while (firstInside < t && offsets[firstInside][1] <= start) {
                    firstInside++;
                }
                while (lastInside > firstInside && offsets[lastInside][0] >= end) {
                    lastInside--;
                }
                words.add(new Word(start, end, firstInside, lastInside));
            }
            t++;
        }
        return words;
    }

    /** Mean of the per-token rows of {@code probabilities} over this word's tokens. */
    float[] meanOf(float[][] probabilities) {
        float[] mean = new float[probabilities[firstToken].length];
        for (int t = firstToken; t <= lastToken; t++) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += probabilities[t][k];
            }
        }
        int n = lastToken - firstToken + 1;
        for (int k = 0; k < mean.length; k++) {
            mean[k] /= n;
        }
        return mean;
    }
}
