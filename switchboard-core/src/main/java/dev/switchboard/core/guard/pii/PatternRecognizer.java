package dev.switchboard.core.guard.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recognizer built from precompiled regular expressions plus a validation step. The patterns only propose
 * candidates; {@link #accept} decides (checksums, ranges, context words) and sets the confidence, because a
 * regular expression alone cannot tell a card number from a random 16-digit id.
 */
abstract class PatternRecognizer implements PiiRecognizer {

    private final List<Pattern> patterns;

    PatternRecognizer(Pattern... patterns) {
        this.patterns = List.of(patterns);
    }

    @Override
    public final List<PiiSpan> find(String text) {
        List<PiiSpan> spans = new ArrayList<>();
        for (Pattern pattern : patterns) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                PiiSpan span = accept(matcher, text);
                if (span != null) {
                    spans.add(span);
                }
            }
        }
        return spans;
    }

    /** Validates one candidate; returns the span to report, or null to drop it. */
    abstract PiiSpan accept(Matcher match, String text);

    /** Counts the ASCII digits in {@code text[start, end)}. */
    static int countDigits(CharSequence text, int start, int end) {
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }

    /** Keeps only the ASCII digits of a string. */
    static String digitsOf(CharSequence text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
