package dev.switchboard.core.guard.pii;

import java.util.ArrayList;
import java.util.List;

/**
 * Weekday names ("Monday", "sunday") as DATE_TIME, the way Presidio tags them. They rarely identify anyone on
 * their own, so they get a low confidence that a policy threshold can drop. Hand-written instead of a regex:
 * it looks only where "day" occurs, which keeps prose scanning to one {@code indexOf}-like pass.
 */
final class WeekdayRecognizer implements PiiRecognizer {

    private static final String[] STEMS = {"mon", "tues", "wednes", "thurs", "fri", "satur", "sun"};

    @Override
    public List<PiiSpan> find(String text) {
        List<PiiSpan> spans = new ArrayList<>();
        for (int day = indexOfDay(text, 0); day >= 0; day = indexOfDay(text, day + 3)) {
            int start = stemStart(text, day);
            int end = day + 3;
            if (start >= 0 && !isWordChar(text, start - 1) && !isWordChar(text, end)) {
                spans.add(PiiSpan.of(PiiType.DATE_TIME, text, start, end, 0.4));
            }
        }
        return spans;
    }

    private static int indexOfDay(String text, int from) {
        for (int i = from; i + 3 <= text.length(); i++) {
            if (text.regionMatches(true, i, "day", 0, 3)) {
                return i;
            }
        }
        return -1;
    }

    private static int stemStart(String text, int day) {
        for (String stem : STEMS) {
            int start = day - stem.length();
            if (start >= 0 && text.regionMatches(true, start, stem, 0, stem.length())) {
                return start;
            }
        }
        return -1;
    }

    private static boolean isWordChar(String text, int i) {
        return i >= 0 && i < text.length() && Character.isLetterOrDigit(text.charAt(i));
    }
}
