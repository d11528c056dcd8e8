package dev.switchboard.core.guard.pii;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calendar dates, optionally with a time: ISO 8601 ({@code 2024-03-05}, {@code 2024-03-05T14:30:00Z}), numeric
 * ({@code 03/05/2024}, {@code 5.3.2024}, {@code 3/5/24}), written out ({@code 5 March 2024}, {@code March 5, 2024},
 * {@code 5th of March}, {@code Mar 2024}); weekday names are found by {@link WeekdayRecognizer}.
 *
 * <p>Bare years and times are not reported: they are everywhere in ordinary prompts and rarely identify anyone.
 * Numeric dates with '.' or '-' need a four-digit year, because "1.2.24" is more often a version.
 */
final class DateTimeRecognizer extends PatternRecognizer {

    private static final String TIME =
            "(?:[T ](?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?";
    /** Only an abbreviation takes a dot, so "on 12 March." does not swallow the full stop. */
    private static final String MONTH = "(?<month>january|february|march|april|may|june|july|august|september"
            + "|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?)";
    private static final String DAY = "(?<day>[0-3]?\\d)(?:st|nd|rd|th)?";
    private static final String YEAR = "(?<year>\\d{4})";
    private static final String BEFORE = "(?<![\\w./:-])";
    private static final String AFTER = "(?![\\w]|[./:-]\\d)";

    private static final Pattern ISO = Pattern.compile(
            BEFORE + "(?<y>\\d{4})-(?<a>\\d{2})-(?<b>\\d{2})" + TIME + AFTER);
    private static final Pattern NUMERIC = Pattern.compile(BEFORE
            + "(?<a>\\d{1,2})(?:/(?<b>\\d{1,2})/(?<y>\\d{4}|\\d{2})|([.-])(?<b2>\\d{1,2})\\4(?<y2>\\d{4}))"
            + TIME + AFTER);
    private static final Pattern DAY_MONTH = Pattern.compile(
            "(?i)(?<!\\w)" + DAY + "(?: of)? " + MONTH + "(?:,? " + YEAR + ")?" + AFTER);
    private static final Pattern MONTH_DAY = Pattern.compile(
            "(?i)(?<!\\w)" + MONTH + " " + DAY + "(?:,? " + YEAR + ")?" + AFTER);
    private static final Pattern MONTH_YEAR = Pattern.compile("(?i)(?<!\\w)" + MONTH + " " + YEAR + AFTER);

    /** Longest written date, "30th of September, 2024", so windows can be half as wide as the default. */
    private static final int WRITTEN_REACH = 24;

    private DateTimeRecognizer(Trigger trigger, int reach, int minDigits, Pattern... patterns) {
        super(trigger, reach, minDigits, patterns);
    }

    /** ISO and numeric dates: each has a '-', '/' or '.' between two digits, which prose rarely has. */
    static DateTimeRecognizer numeric() {
        return new DateTimeRecognizer(DateTimeRecognizer::dateSeparator, REACH, 4, ISO, NUMERIC);
    }

    /** Dates with a month name. */
    static DateTimeRecognizer written() {
        return new DateTimeRecognizer(DIGIT, WRITTEN_REACH, 1, DAY_MONTH, MONTH_DAY, MONTH_YEAR);
    }

    private static boolean dateSeparator(String text, int i) {
        char c = text.charAt(i);
        return (c == '-' || c == '/' || c == '.') && isDigit(text, i - 1) && isDigit(text, i + 1);
    }

    @Override
    PiiSpan accept(Matcher match, String text) {
        double confidence = confidence(match);
        return confidence > 0 ? PiiSpan.of(PiiType.DATE_TIME, text, match.start(), match.end(), confidence) : null;
    }

    /** Zero rejects the candidate. */
    private static double confidence(Matcher match) {
        Pattern pattern = match.pattern();
        if (pattern == ISO) {
            return validMonthDay(num(match, "a"), num(match, "b")) ? 0.9 : 0;
        }
        if (pattern == NUMERIC) {
            return numericConfidence(match);
        }
        return writtenConfidence(match);
    }

    /** Month/day or day/month order is unknown; either reading must be a real date. */
    private static double numericConfidence(Matcher match) {
        int a = num(match, "a");
        int b = match.group("b") != null ? num(match, "b") : num(match, "b2");
        boolean valid = validMonthDay(a, b) || validMonthDay(b, a);
        String year = match.group("y") != null ? match.group("y") : match.group("y2");
        return !valid ? 0 : year.length() == 4 ? 0.85 : 0.6;
    }

    /** "May" and "march" are also ordinary words, so a lower-case month name needs a year. */
    private static double writtenConfidence(Matcher match) {
        String month = match.group("month");
        boolean hasYear = match.group("year") != null;
        boolean hasDay = match.pattern() != MONTH_YEAR;
        if (hasDay && !validMonthDay(1, num(match, "day"))) {
            return 0;
        }
        if (!hasYear && (Character.isLowerCase(month.charAt(0)) || month.toLowerCase(Locale.ROOT).equals("may"))) {
            return 0;
        }
        return hasYear ? 0.85 : 0.6;
    }

    private static boolean validMonthDay(int month, int day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    private static int num(Matcher match, String group) {
        return Integer.parseInt(match.group(group));
    }
}
