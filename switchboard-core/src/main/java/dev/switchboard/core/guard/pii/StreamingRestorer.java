package dev.switchboard.core.guard.pii;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Restores placeholders in a response that arrives in chunks (e.g. SSE delta contents), where a placeholder may
 * be split: {@code "[EMAIL_"} in one chunk and {@code "ADDRESS_1]"} in the next.
 *
 * <p>Text is passed through at once except from a '[' for as long as what follows can still become one of the
 * map's placeholders; that held-back prefix is never longer than the longest placeholder, so latency and memory
 * stay bounded. Feed chunks in order and call {@link #flush()} at the end of the stream. One instance per stream;
 * not thread-safe.
 */
public final class StreamingRestorer {

    private final RedactionMap map;
    private final NavigableSet<String> placeholders;
    private final StringBuilder pending = new StringBuilder();

    StreamingRestorer(RedactionMap map) {
        this.map = map;
        this.placeholders = new TreeSet<>(map.placeholders());
    }

    /** Takes the next chunk and returns the text that can be shown now (possibly empty). */
    public String feed(CharSequence chunk) {
        if (map.isEmpty()) {
            return chunk.toString();
        }
        StringBuilder out = new StringBuilder(chunk.length() + pending.length());
        for (int i = 0; i < chunk.length(); i++) {
            accept(chunk.charAt(i), out);
        }
        return out.toString();
    }

    /** Ends the stream: returns whatever was held back, which turned out not to be a placeholder. */
    public String flush() {
        String rest = pending.toString();
        pending.setLength(0);
        return rest;
    }

    private void accept(char c, StringBuilder out) {
        if (pending.length() > 0) {
            continuePending(c, out);
        } else if (c == '[') {
            pending.append(c);
        } else {
            out.append(c);
        }
    }

    private void continuePending(char c, StringBuilder out) {
        pending.append(c);
        String candidate = pending.toString();
        String original = map.asMap().get(candidate);
        if (original != null) {
            out.append(original);
            pending.setLength(0);
        } else if (!isPrefixOfPlaceholder(candidate)) {
            // Placeholders hold one '[' only, at their start: everything before c is plain text, and c may open
            // the next placeholder.
            out.append(candidate, 0, candidate.length() - 1);
            pending.setLength(0);
            accept(c, out);
        }
    }

    private boolean isPrefixOfPlaceholder(String prefix) {
        String next = placeholders.ceiling(prefix);
        return next != null && next.startsWith(prefix);
    }
}
