package dev.switchboard.core.guard.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words near a candidate that make a weak match believable, e.g. "ssn" before nine bare digits. Lets weak
 * formats count only where the text says what they are, which keeps ids, amounts and years out.
 */
final class ContextWords {

    private final Pattern words;
    private final int before;
    private final int after;

    /**
     * @param regex alternation of the words, matched case-insensitively as whole words (a word may end in
     *     punctuation, e.g. "ss#")
     * @param before how many chars before the candidate to look at
     * @param after how many chars after the candidate to look at
     */
    ContextWords(String regex, int before, int after) {
        this.words = Pattern.compile("(?<!\\w)(?:" + regex + ")(?!\\w)", Pattern.CASE_INSENSITIVE);
        this.before = before;
        this.after = after;
    }

    /** True if one of the words occurs within the window around {@code text[start, end)}. */
    boolean near(String text, int start, int end) {
        Matcher matcher = words.matcher(text);
        matcher.region(Math.max(0, start - before), start);
        if (matcher.find()) {
            return true;
        }
        matcher.region(end, Math.min(text.length(), end + after));
        return matcher.find();
    }
}
