package dev.switchboard.core.guard.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recognizer built from precompiled regular expressions plus a validation step. The patterns only propose
 * candidates; {@link #accept} decides (checksums, ranges, context words) and sets the confidence, because a
 * regular expression alone cannot tell a card number from a random 16-digit id.
 *
 * <p>Speed: a regex scan costs tens of nanoseconds per char and pattern, too much for two dozen patterns on the
 * request path. Every match contains a trigger char (a digit, '@', an inner '.') and is either at most
 * {@code reach} chars long or free of whitespace, so the patterns run only in windows of {@code reach} chars
 * around triggers, widened to the surrounding whitespace (for whitespace-free matches, just the token), and only
 * where the window holds enough digits. Prose without triggers costs one pass over its chars.
 */
abstract class PatternRecognizer implements PiiRecognizer {

    /** Longest match that may contain whitespace (a spaced IBAN: 34 chars plus 8 spaces). */
    static final int REACH = 48;

    /** Decides cheaply whether a match could contain the char at {@code i}. */
    @FunctionalInterface
    interface Trigger {
        boolean at(String text, int i);
    }

    static final Trigger DIGIT = (text, i) -> isDigit(text, i);

    private final Trigger trigger;
    private final int reach;
    private final int minDigits;
    private final List<Pattern> patterns;

    /**
     * @param trigger true on a char that every match of every pattern contains
     * @param reach {@link #REACH} if matches may contain whitespace, 0 if never (the window is then one token)
     * @param minDigits the fewest digits a match holds; windows with fewer are skipped
     * @param patterns candidate patterns, each at most {@code REACH} chars long or free of whitespace
     */
    PatternRecognizer(Trigger trigger, int reach, int minDigits, Pattern... patterns) {
        this.trigger = trigger;
        this.reach = reach;
        this.minDigits = minDigits;
        this.patterns = List.of(patterns);
    }

    @Override
    public final List<PiiSpan> find(String text) {
        List<PiiSpan> spans = new ArrayList<>();
        Matcher[] matchers = new Matcher[patterns.size()];
        int trigger = nextTrigger(text, 0, text.length());
        while (trigger >= 0) {
            int start = toWhitespace(text, Math.max(0, trigger - reach), -1);
            int end = windowEnd(text, trigger);
            if (minDigits == 0 || countDigits(text, start, end) >= minDigits) {
                scanWindow(matchers, start, end, text, spans);
            }
            trigger = nextTrigger(text, end, text.length());
        }
        return spans;
    }

    private void scanWindow(Matcher[] matchers, int start, int end, String text, List<PiiSpan> spans) {
        for (int p = 0; p < matchers.length; p++) {
            if (matchers[p] == null) {
                matchers[p] = patterns.get(p).matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            Matcher matcher = matchers[p].region(start, end);
            while (matcher.find()) {
                PiiSpan span = accept(matcher, text);
                if (span != null) {
                    spans.add(span);
                }
            }
        }
    }

    /**
     * End of the window of {@code trigger}, merged with the windows of the triggers that fall inside it. Widens
     * only forward, so a long text without whitespace costs one pass, not one pass per trigger.
     */
    private int windowEnd(String text, int trigger) {
        int end = toWhitespace(text, Math.min(text.length(), trigger + reach), +1);
        for (int next = nextTrigger(text, trigger + 1, end); next >= 0; next = nextTrigger(text, next + 1, end)) {
            int reached = Math.min(text.length(), next + reach);
            if (reached > end) {
                end = toWhitespace(text, reached, +1);
            }
        }
        return end;
    }

    /** First trigger in {@code text[from, limit)}, or -1. */
    private int nextTrigger(String text, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (trigger.at(text, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Moves {@code index} in {@code direction} until it sits on a whitespace boundary or an end of the text. */
    private static int toWhitespace(String text, int index, int direction) {
        int i = index;
        if (direction < 0) {
            while (i > 0 && !Character.isWhitespace(text.charAt(i - 1))) {
                i--;
            }
        } else {
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
        }
        return i;
    }

    /** Validates one candidate; returns the span to report, or null to drop it. */
    abstract PiiSpan accept(Matcher match, String text);

    /** True if {@code text[i]} exists and is an ASCII digit. */
    static boolean isDigit(String text, int i) {
        return i >= 0 && i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }

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
