package dev.switchboard.core.guard.pii;

import java.util.Objects;

/**
 * The outcome of {@link Redactor#redact}: the text with PII replaced by placeholders, and the map that undoes it.
 *
 * @param text the redacted text, safe to send to a model that must not see PII
 * @param map every placeholder assigned so far in this request
 */
public record RedactedText(String text, RedactionMap map) {

    public RedactedText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(map, "map");
    }
}
