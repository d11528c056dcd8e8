package dev.switchboard.core.cache;

import java.util.Objects;

/**
 * A cache lookup that found an entry.
 *
 * @param entry the stored entry
 * @param similarity cosine similarity between the query embedding and the entry's embedding; exactly 1.0
 *     for an exact prompt match
 */
public record CacheHit(CacheEntry entry, double similarity) {

    public CacheHit {
        Objects.requireNonNull(entry, "entry");
    }

    static CacheHit exact(CacheEntry entry) {
        return new CacheHit(entry, 1.0);
    }
}
