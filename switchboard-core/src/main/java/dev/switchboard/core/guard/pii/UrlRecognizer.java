package dev.switchboard.core.guard.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web addresses: anything starting with http(s):// or www., and bare domains such as {@code example.com}
 * (Presidio's DOMAIN_NAME) when they end in a common TLD. Bare domains get a lower confidence, and TLDs that
 * double as file extensions ({@code .py}, {@code .md}, {@code .sh}, {@code .pl}, ...) are left out on purpose,
 * because prompts about code mention file names far more often than web sites.
 */
final class UrlRecognizer extends PatternRecognizer {

    private static final Pattern SCHEME_OR_WWW = Pattern.compile(
            "(?i)(?<![\\w@.-])(?:https?://|www\\.)[^\\s<>\"'`\\[\\]{}|\\\\^]+");

    private static final String TLDS = "com|org|net|edu|gov|mil|int|io|co|ai|app|dev|info|biz|me|tv|us|uk|eu"
            + "|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|cz|sk|hu|ro|bg|gr|pt|ie|lu|si|hr|ee|lv|lt|ru|ua|tr|il"
            + "|cn|jp|kr|in|au|nz|ca|br|mx|ar|cl|za|xyz|online|site|tech|store|cloud|shop|blog|news";

    /**
     * Lower-case TLD only: "ASP.NET" and "Node.COM" style product names are not web sites. At most 32 labels: the
     * regex engine recurses once per repetition of a group, and an unbounded {@code +} overflowed the stack on a
     * 4 MiB "a.a.a.…".
     */
    private static final Pattern BARE_DOMAIN = Pattern.compile(
            "(?<![\\w@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,32}(?:" + TLDS + ")"
                    + "(?::\\d{2,5})?(?:/[^\\s<>\"'`\\[\\]{}|\\\\^]*)?(?![\\w@-]|\\.\\w)");

    UrlRecognizer() {
        super(UrlRecognizer::innerDot, 0, 0, SCHEME_OR_WWW, BARE_DOMAIN);
    }

    /** Every URL has a dot between two label chars; a sentence-ending dot is followed by a space. */
    private static boolean innerDot(String text, int i) {
        return text.charAt(i) == '.' && i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i + 1))
                && i > 0 && Character.isLetterOrDigit(text.charAt(i - 1));
    }

    @Override
    PiiSpan accept(Matcher match, String text) {
        int end = trimTrailing(text, match.start(), match.end());
        if (!hasHost(text, match.start(), end)) {
            return null;
        }
        double confidence = match.pattern() == SCHEME_OR_WWW ? 0.9 : 0.5;
        return PiiSpan.of(PiiType.URL, text, match.start(), end, confidence);
    }

    /** Sentence punctuation and an unbalanced closing bracket belong to the prose around the URL. */
    private static int trimTrailing(String text, int start, int end) {
        while (end > start) {
            char last = text.charAt(end - 1);
            if (".,;:!?'\"".indexOf(last) >= 0) {
                end--;
            } else if (last == ')' && count(text, start, end, '(') < count(text, start, end, ')')) {
                end--;
            } else {
                return end;
            }
        }
        return end;
    }

    private static int count(String text, int start, int end, char c) {
        int n = 0;
        for (int i = start; i < end; i++) {
            n += text.charAt(i) == c ? 1 : 0;
        }
        return n;
    }

    /** Rejects a bare scheme ("http://") or "www." with nothing dotted after it. */
    private static boolean hasHost(String text, int start, int end) {
        String candidate = text.substring(start, end).toLowerCase(java.util.Locale.ROOT);
        String rest = candidate.replaceFirst("^https?://", "");
        if (rest.startsWith("www.")) {
            rest = rest.substring(4);
        }
        return !rest.isEmpty() && Character.isLetterOrDigit(rest.charAt(0))
                && (rest.indexOf('.') > 0 || candidate.startsWith("http"));
    }
}
