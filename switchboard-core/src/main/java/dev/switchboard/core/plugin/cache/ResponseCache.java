package dev.switchboard.core.plugin.cache;

import dev.switchboard.core.cache.CacheEntry;
import dev.switchboard.core.cache.CacheHit;
import dev.switchboard.core.cache.SemanticCacheStore;
import dev.switchboard.core.config.CacheSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache plugin: looks a planned request up in the store, and stores complete answers. A semantic hit is only
 * served when {@link QuestionMatch} agrees the two questions ask the same thing. A store that fails is bypassed,
 * never allowed to fail a request.
 */
public final class ResponseCache {

    private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);

    private final SemanticCacheStore store;
    private final Clock clock;

    public ResponseCache(SemanticCacheStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public SemanticCacheStore store() {
        return store;
    }

    /**
     * Looks {@code ticket} up the way {@code policy} says. The embedding is only computed when needed — for a
     * semantic lookup, or to store the answer after a miss — so an exact repeat can skip the encoder pass.
     */
    public CacheOutcome lookup(CacheTicket ticket, CacheSettings.Policy policy, Supplier<float[]> embedding) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        Optional<CacheHit> hit = Optional.empty();
        if (policy.mode() != CacheSettings.Mode.SEMANTIC) {
            hit = guarded(() -> store.findExact(ticket.partition(), ticket.promptText(), now));
        }
        CacheTicket full = hit.isPresent() ? ticket : ticket.withEmbedding(embedding.get());
        if (hit.isEmpty() && policy.mode() != CacheSettings.Mode.EXACT) {
            hit = guarded(() -> store.findSimilar(full.partition(), full.embedding(), policy.similarityThreshold(), now))
                    .filter(h -> QuestionMatch.compatible(full.promptText(), h.entry().promptText()));
        }
        return new CacheOutcome(full, hit.orElse(null), System.nanoTime() - start);
    }

    private static Optional<CacheHit> guarded(Supplier<Optional<CacheHit>> lookup) {
        try {
            return lookup.get();
        } catch (RuntimeException e) {
            log.warn("Cache lookup failed; answering from the model: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Stores a complete, successful chat completion for {@code ticket}. */
    public void store(CacheTicket ticket, byte[] completion) {
        Instant now = clock.instant();
        try {
            store.put(new CacheEntry(ticket.partition(), ticket.promptText(), ticket.embedding(), completion, now,
                    now.plus(ticket.ttl())));
        } catch (RuntimeException e) {
            log.warn("Cache store failed; the answer was served but not cached: {}", e.toString());
        }
    }
}
