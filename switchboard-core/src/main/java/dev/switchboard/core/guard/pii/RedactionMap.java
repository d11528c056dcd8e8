package dev.switchboard.core.guard.pii;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Placeholder → original value for one request, e.g. {@code [EMAIL_ADDRESS_1] → jane@example.com}. Immutable.
 * {@link #toString()} lists placeholders only: the values are the very PII that must stay out of logs.
 */
public final class RedactionMap {

    private static final RedactionMap EMPTY = new RedactionMap(Map.of());

    private final Map<String, String> originals;

    private RedactionMap(Map<String, String> originals) {
        this.originals = originals;
    }

    /** A map with no placeholders; restoring with it changes nothing. */
    public static RedactionMap empty() {
        return EMPTY;
    }

    /** Copies {@code originals}, keeping its iteration order. */
    static RedactionMap copyOf(Map<String, String> originals) {
        return originals.isEmpty() ? EMPTY
                : new RedactionMap(Collections.unmodifiableMap(new LinkedHashMap<>(originals)));
    }

    /** The value a placeholder stands for, if it is one of ours. */
    public Optional<String> original(String placeholder) {
        return Optional.ofNullable(originals.get(placeholder));
    }

    /** Placeholders in the order they were first assigned. */
    public Set<String> placeholders() {
        return originals.keySet();
    }

    public int size() {
        return originals.size();
    }

    public boolean isEmpty() {
        return originals.isEmpty();
    }

    Map<String, String> asMap() {
        return originals;
    }

    @Override
    public String toString() {
        return "RedactionMap" + originals.keySet();
    }
}
