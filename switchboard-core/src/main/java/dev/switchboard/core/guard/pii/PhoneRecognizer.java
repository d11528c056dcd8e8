package dev.switchboard.core.guard.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telephone numbers in the many ways people write them.
 *
 * <p>Two formats are distinctive enough to stand alone: an international number starting with "+" and a country
 * code, and the North American (xxx) xxx-xxxx / xxx-xxx-xxxx / xxx.xxx.xxxx form (optionally with 1 or 001 in
 * front). Every other grouping of digits ("089 72 63 41", "06-10446904", "2813882583") looks exactly like an
 * amount, an order number or a postal code, so it counts only next to a word such as "phone", "call", "fax" or
 * "mobile". All forms need 7–15 digits (the E.164 maximum) outside an optional extension ("x123", "ext. 12").
 */
final class PhoneRecognizer extends PatternRecognizer {

    private static final String EXTENSION = "(?<ext>\\s?(?:x|ext\\.?|extension)\\s?\\d{1,6})?";
    private static final String TAIL = "(?![\\w:/]|[.,-]?\\d)";

    // The look-behinds refuse to start inside a longer digit sequence ("+123 4567 ...", "1,234", "10:30"), where
    // the tail alone would pass the digit count.
    private static final String NOT_INSIDE_NUMBER = "(?<![\\w+./-]|\\d[,: .-])";

    /** Possessive groups: a long digit run must not be split every possible way before the match fails. */
    private static final Pattern INTERNATIONAL = Pattern.compile(
            "(?<![\\w+])\\+\\d{1,3}(?:[ .-]?\\(\\d{1,4}\\))?(?:[ .-]?\\d{1,6}+){1,6}+" + EXTENSION + TAIL);

    private static final Pattern NORTH_AMERICAN = Pattern.compile(
            NOT_INSIDE_NUMBER + "(?:(?:1|001)[ .-]?)?(?:\\(\\d{3}\\)[ .-]?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}"
                    + EXTENSION + TAIL);

    private static final Pattern LOCAL = Pattern.compile(
            NOT_INSIDE_NUMBER + "(?:\\(\\d{1,4}\\)[ .-]?\\d{2,8}|\\d{2,12})(?:[ .-]\\d{2,8}){0,5}" + EXTENSION + TAIL);

    private static final ContextWords CONTEXT = new ContextWords(
            "phone|phones|telephone|tel|call|called|calling|ring|dial|mobile|cell|cellphone|fax|office|landline"
                    + "|contact|reach|text|sms|whatsapp|answering|ph|mob"
                    + "|(?:my|your|his|her|contact|phone)\\s+(?:number|no\\.?|#)",
            40, 15);

    PhoneRecognizer() {
        super(DIGIT, REACH, 7, INTERNATIONAL, NORTH_AMERICAN, LOCAL);
    }

    @Override
    PiiSpan accept(Matcher match, String text) {
        int numberEnd = match.start("ext") >= 0 ? match.start("ext") : match.end();
        int digits = countDigits(text, match.start(), numberEnd);
        if (digits < 7 || digits > 15) {
            return null;
        }
        boolean context = CONTEXT.near(text, match.start(), match.end());
        if (match.pattern() == LOCAL && !(context && plausibleLocal(match.group(), digits))) {
            return null;
        }
        double confidence = match.pattern() == LOCAL ? 0.6 : context ? 0.85 : 0.7;
        return PiiSpan.of(PiiType.PHONE_NUMBER, text, match.start(), match.end(), confidence);
    }

    /** An unbroken digit run longer than 12 is an account or card number, not a local phone number. */
    private static boolean plausibleLocal(String candidate, int digits) {
        boolean separated = candidate.chars().anyMatch(c -> c == ' ' || c == '.' || c == '-' || c == '(');
        return separated || digits <= 12;
    }
}
