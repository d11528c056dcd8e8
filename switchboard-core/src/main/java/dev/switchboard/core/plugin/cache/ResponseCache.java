package dev.switchboard.core.plugin.cache;

import dev.switchboard.core.cache.CacheEntry;
import dev.switchboard.core.cache.CacheHit;
import dev.switchboard.core.cache.SemanticCacheStore;
import dev.switchboard.core.config.CacheSettings;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.plugin.cache.verify.HitVerifier;
import dev.switchboard.core.plugin.cache.verify.QuestionView;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache plugin: looks a planned request up in the store, and stores answers worth replaying. A semantic
 * candidate comes from the store's vector index at the ticket's similarity floor and is only served when the
 * {@link HitVerifier} (or, with the verifier off, {@link QuestionMatch}) agrees the two questions ask the same
 * thing. A store that fails is bypassed, never allowed to fail a request.
 */
public final class ResponseCache {

    private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);

    private final SemanticCacheStore store;
    private final Clock clock;
    private final HitVerifier verifier;
    private final boolean storeToolCalls;

    /** A cache with the bundled verifier that stores only answers ending in {@code stop}. */
    public ResponseCache(SemanticCacheStore store, Clock clock) {
        this(store, clock, HitVerifier.bundled(), false);
    }

    /**
     * @param verifier       confirms semantic candidates; null falls back to {@link QuestionMatch} alone
     * @param storeToolCalls also store answers ending in {@code finish_reason: tool_calls}
     */
    public ResponseCache(SemanticCacheStore store, Clock clock, HitVerifier verifier, boolean storeToolCalls) {
        this.store = store;
        this.clock = clock;
        this.verifier = verifier;
        this.storeToolCalls = storeToolCalls;
    }

    /** A cache configured by {@code settings}. */
    public static ResponseCache of(SemanticCacheStore store, Clock clock, CacheSettings settings) {
        return new ResponseCache(store, clock, settings.verifier() ? HitVerifier.bundled() : null,
                settings.storeToolCalls());
    }

    public SemanticCacheStore store() {
        return store;
    }

    /**
     * Looks {@code ticket} up the way {@code policy} says. The encoding is only computed when needed — for a
     * semantic lookup, or to store the answer after a miss — so an exact repeat can skip the encoder pass.
     */
    public CacheOutcome lookup(CacheTicket ticket, CacheSettings.Policy policy, Supplier<Encoding> encoding) {
        long start = System.nanoTime();
        Instant now = clock.instant();
        Optional<CacheHit> hit = Optional.empty();
        if (policy.mode() != CacheSettings.Mode.SEMANTIC) {
            hit = guarded(() -> store.findExact(ticket.partition(), ticket.promptText(), now));
        }
        if (hit.isPresent()) {
            return new CacheOutcome(ticket, hit.get(), System.nanoTime() - start);
        }
        QuestionView question = QuestionView.of(ticket.promptText(), encoding.get());
        CacheTicket full = ticket.withQuestion(question.embedding(), question.sketch());
        if (policy.mode() != CacheSettings.Mode.EXACT) {
            hit = guarded(() -> store.findSimilar(full.partition(), full.embedding(), full.minSimilarity(), now))
                    .filter(h -> confirms(question, h));
        }
        return new CacheOutcome(full, hit.orElse(null), System.nanoTime() - start);
    }

    /** The verifier's (or, without one, the rules') verdict on serving {@code hit} to {@code question}. */
    private boolean confirms(QuestionView question, CacheHit hit) {
        if (verifier == null) {
            return QuestionMatch.compatible(question.text(), hit.entry().promptText());
        }
        return verifier.accepts(question, new QuestionView(hit.entry().promptText(), hit.entry().embedding(),
                hit.entry().tokenSketch()));
    }

    private static Optional<CacheHit> guarded(Supplier<Optional<CacheHit>> lookup) {
        try {
            return lookup.get();
        } catch (RuntimeException e) {
            log.warn("Cache lookup failed; answering from the model: {}", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Stores a complete chat completion for {@code ticket} when it is worth replaying (see
     * {@link ReplayableAnswer}); returns whether it was handed to the store.
     */
    public boolean store(CacheTicket ticket, byte[] completion) {
        if (ticket.embedding() == null || !ReplayableAnswer.test(completion, storeToolCalls)) {
            return false;
        }
        Instant now = clock.instant();
        try {
            store.put(new CacheEntry(ticket.partition(), ticket.promptText(), ticket.embedding(), completion, now,
                    now.plus(ticket.ttl()), ticket.tokenSketch()));
            return true;
        } catch (RuntimeException e) {
            log.warn("Cache store failed; the answer was served but not cached: {}", e.toString());
            return false;
        }
    }
}
