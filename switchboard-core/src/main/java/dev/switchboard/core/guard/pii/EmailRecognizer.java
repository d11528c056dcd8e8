package dev.switchboard.core.guard.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses: a local part, '@', and a dotted domain ending in an alphabetic TLD. */
final class EmailRecognizer extends PatternRecognizer {

    /**
     * At most 32 domain labels: java.util.regex recurses once per repetition of a group, so an unbounded {@code +}
     * overflowed the stack on a 4 MiB "a.a.a.…" (and a real domain has far fewer labels).
     */
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,32}[A-Za-z]{2,24}(?![\\w-]|\\.\\w)");

    EmailRecognizer() {
        super((text, i) -> text.charAt(i) == '@', 0, 0, EMAIL);
    }

    @Override
    PiiSpan accept(Matcher match, String text) {
        // "a..b@x.com" is not a valid address; it is usually an ellipsis in prose.
        if (match.group().contains("..")) {
            return null;
        }
        return PiiSpan.of(PiiType.EMAIL_ADDRESS, text, match.start(), match.end(), 0.95);
    }
}
