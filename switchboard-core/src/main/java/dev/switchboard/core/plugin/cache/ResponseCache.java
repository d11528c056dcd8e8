package dev.switchboard.core.plugin.cache;

import dev.switchboard.core.cache.CacheEntry;
import dev.switchboard.core.cache.CacheHit;
import dev.switchboard.core.cache.SemanticCacheStore;
import dev.switchboard.core.config.CacheSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
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

    /** Looks {@code ticket} up the way {@code policy} says. */
    public CacheOutcome lookup(CacheTicket ticket, CacheSettings.Policy policy) {
        long start = System.nanoTime();
        Optional<CacheHit> hit = Optional.empty();
        try {
            hit = find(ticket, policy, clock.instant());
        } catch (RuntimeException e) {
            log.warn("Cache lookup failed; answering from the model: {}", e.toString());
        }
        return new CacheOutcome(ticket, hit.orElse(null), System.nanoTime() - start);
    }

    private Optional<CacheHit> find(CacheTicket ticket, CacheSettings.Policy policy, Instant now) {
        if (policy.mode() != CacheSettings.Mode.SEMANTIC) {
            Optional<CacheHit> exact = store.findExact(ticket.partition(), ticket.promptText(), now);
            if (exact.isPresent() || policy.mode() == CacheSettings.Mode.EXACT) {
                return exact;
            }
        }
        return store.findSimilar(ticket.partition(), ticket.embedding(), policy.similarityThreshold(), now)
                .filter(h -> QuestionMatch.compatible(ticket.promptText(), h.entry().promptText()));
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
