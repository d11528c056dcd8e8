package dev.switchboard.core.guard.pii;

import java.util.Objects;

/**
 * Puts the original values back where a model's answer repeats a placeholder, so the user never sees
 * {@code [EMAIL_ADDRESS_1]} for data they wrote. Placeholders that are not in the map (a model inventing
 * {@code [PERSON_9]}) are left as written. Thread-safe; use {@link #streaming()} for SSE responses.
 */
public final class Restorer {

    private final RedactionMap map;

    public Restorer(RedactionMap map) {
        this.map = Objects.requireNonNull(map, "map");
    }

    /** Restores every placeholder of the map in a complete text. */
    public String restore(String text) {
        if (map.isEmpty() || text.indexOf('[') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int open = text.indexOf('['); open >= 0; open = text.indexOf('[', open + 1)) {
            int close = text.indexOf(']', open);
            if (close < 0) {
                break;
            }
            String original = map.asMap().get(text.substring(open, close + 1));
            if (original != null) {
                out.append(text, copied, open).append(original);
                copied = close + 1;
                open = close;
            }
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** A new restorer for one streamed response; it holds the state of a placeholder split across chunks. */
    public StreamingRestorer streaming() {
        return new StreamingRestorer(map);
    }
}
