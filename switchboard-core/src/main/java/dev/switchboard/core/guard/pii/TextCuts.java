package dev.switchboard.core.guard.pii;

/**
 * Where to cut a long text for a partial scan: at whitespace near the wanted offset, so that no e-mail, number or
 * IBAN is split into a fragment that a recognizer would misread. Looks at most {@link #SLACK} characters away; a
 * text without whitespace there is cut at the offset itself.
 */
final class TextCuts {

    static final int SLACK = 64;

    private TextCuts() {}

    /** The offset at or before {@code at} just after a whitespace character, or {@code at}. */
    static int backToWhitespace(String text, int at) {
        for (int i = at; i > 0 && i > at - SLACK; i--) {
            if (Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return at;
    }

    /** The offset at or after {@code at} of a whitespace character, or {@code at}. */
    static int forwardToWhitespace(String text, int at) {
        for (int i = at; i < text.length() && i < at + SLACK; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return at;
    }
}
