package dev.switchboard.core.recording;

import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.StructuredPiiDetector;
import java.util.List;

/**
 * The prompt text a decision record keeps: cut to {@value #MAX_CHARS} chars, with the personal data of fixed shape
 * (e-mail, phone, card, IBAN, SSN, IP address, URL, dates) replaced by its type, e.g. {@code <EMAIL_ADDRESS>}.
 * Names and places need the ML entity head and are not masked here.
 */
final class PromptMask {

    static final int MAX_CHARS = 8_000;

    private PromptMask() {}

    static String mask(String text) {
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        List<PiiSpan> spans = StructuredPiiDetector.create().find(cut); // sorted, non-overlapping
        StringBuilder out = new StringBuilder(cut.length());
        int at = 0;
        for (PiiSpan span : spans) {
            out.append(cut, at, span.start()).append('<').append(span.type().name()).append('>');
            at = span.end();
        }
        return out.append(cut, at, cut.length()).toString();
    }
}
