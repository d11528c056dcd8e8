package dev.switchboard.inference.adapter;

import dev.switchboard.core.guard.ScanBudget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a guard's head made of a text, remembered by the text's SHA-256 in a bounded LRU. Chat clients re-send the
 * whole conversation with every request, and a decision may insert the same system prompt each time; with this the
 * guards read each such text once instead of paying an encoder pass per request. Only the digest and the result
 * are kept, never the text. Thread-safe; two threads may compute the same text at once (the results are equal).
 */
final class TextMemo<V> {

    private final Map<String, V> recent;

    TextMemo(int capacity) {
        this.recent = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        });
    }

    /** The remembered result for {@code text}, or {@code compute}'s (run outside any lock), remembered. */
    V get(String text, Function<String, V> compute) {
        String key = digest(text);
        V value = recent.get(key);
        if (value == null) {
            value = compute.apply(text);
            recent.put(key, value);
        }
        return value;
    }

    /**
     * Like {@link #get(String, Function)}, but a result computed while {@code budget} recorded a cut (the text was
     * read only in part) is not remembered: a later request with budget to spare reads the whole text.
     */
    V get(String text, Function<String, V> compute, ScanBudget budget) {
        String key = digest(text);
        V value = recent.get(key);
        if (value == null) {
            int cuts = budget.cuts();
            value = compute.apply(text);
            if (budget.cuts() == cuts) {
                recent.put(key, value);
            }
        }
        return value;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
