package dev.switchboard.core.guard.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13–19 digits, optionally grouped by spaces or dashes as printed on cards, starting with
 * an issuer prefix of a major network, and passing the Luhn check. The prefix and grouping rules cut the 1-in-10
 * chance that a random digit run passes Luhn.
 */
final class CreditCardRecognizer extends PatternRecognizer {

    private static final Pattern CARD = Pattern.compile("(?<![\\w.,+-])\\d(?:[ -]?\\d){12,18}(?![\\w]|[.,-]\\d)");

    CreditCardRecognizer() {
        super(DIGIT, REACH, 13, CARD);
    }

    @Override
    PiiSpan accept(Matcher match, String text) {
        String candidate = match.group();
        String digits = digitsOf(candidate);
        if (!printedGrouping(candidate) || !knownIssuer(digits) || !Checksums.luhn(digits)) {
            return null;
        }
        return PiiSpan.of(PiiType.CREDIT_CARD, text, match.start(), match.end(), 0.9);
    }

    /**
     * No separators, or one kind of separator with groups of four (the last may be shorter), or the 4-6-5 /
     * 4-6-4 grouping of Amex and Diners.
     */
    static boolean printedGrouping(String candidate) {
        boolean spaces = candidate.indexOf(' ') >= 0;
        boolean dashes = candidate.indexOf('-') >= 0;
        if (!spaces && !dashes) {
            return true;
        }
        if (spaces && dashes) {
            return false;
        }
        String[] groups = candidate.split(spaces ? " " : "-");
        if (groups.length == 3 && groups[0].length() == 4 && groups[1].length() == 6) {
            return groups[2].length() == 4 || groups[2].length() == 5;
        }
        for (int i = 0; i < groups.length - 1; i++) {
            if (groups[i].length() != 4) {
                return false;
            }
        }
        return groups[groups.length - 1].length() <= 4;
    }

    /**
     * Visa 4; Mastercard 51–55 and 2221–2720; Amex 34/37; Diners 30/36/38/39; JCB 35; Discover, UnionPay,
     * Maestro and RuPay live in 5 and 6.
     */
    static boolean knownIssuer(String digits) {
        switch (digits.charAt(0)) {
            case '4':
            case '5':
            case '6':
                return true;
            case '3':
                return "0456789".indexOf(digits.charAt(1)) >= 0;
            case '2':
                int prefix = Integer.parseInt(digits.substring(0, 4));
                return prefix >= 2221 && prefix <= 2720;
            default:
                return false;
        }
    }
}
