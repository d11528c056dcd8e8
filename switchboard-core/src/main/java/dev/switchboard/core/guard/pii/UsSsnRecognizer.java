package dev.switchboard.core.guard.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US Social Security numbers. The dashed AAA-GG-SSSS form is distinctive enough on its own; the space-separated
 * and bare nine-digit forms are just as likely to be ids or amounts, so they count only next to words such as
 * "ssn" or "social security". All forms must obey the SSA rules: area not 000, 666 or 900–999, group not 00,
 * serial not 0000.
 */
final class UsSsnRecognizer extends PatternRecognizer {

    private static final Pattern DASHED = Pattern.compile("(?<![\\w-])\\d{3}-\\d{2}-\\d{4}(?![\\w]|-\\d)");
    private static final Pattern SPACED_OR_BARE =
            Pattern.compile("(?<![\\w.,-])(?:\\d{3} \\d{2} \\d{4}|\\d{9})(?![\\w]|[.,-]\\d| \\d)");

    private static final ContextWords CONTEXT =
            new ContextWords("ssn|ssns|ss#|social\\s+security|social\\s+sec|ssa", 40, 20);

    UsSsnRecognizer() {
        super(DIGIT, REACH, 9, DASHED, SPACED_OR_BARE);
    }

    @Override
    PiiSpan accept(Matcher match, String text) {
        if (!valid(digitsOf(match.group()))) {
            return null;
        }
        boolean weakForm = match.pattern() == SPACED_OR_BARE;
        boolean context = CONTEXT.near(text, match.start(), match.end());
        if (weakForm && !context) {
            return null;
        }
        double confidence = context ? 0.9 : 0.8;
        return PiiSpan.of(PiiType.US_SSN, text, match.start(), match.end(), confidence);
    }

    /** SSA validity rules on the nine digits; also rejects one digit repeated nine times and voided numbers. */
    static boolean valid(String digits) {
        int area = Integer.parseInt(digits.substring(0, 3));
        int group = Integer.parseInt(digits.substring(3, 5));
        int serial = Integer.parseInt(digits.substring(5));
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        // Numbers the SSA voided after they were printed in ads and wallets.
        if (digits.equals("078051120") || digits.equals("219099999")) {
            return false;
        }
        return !digits.chars().allMatch(c -> c == digits.charAt(0));
    }
}
