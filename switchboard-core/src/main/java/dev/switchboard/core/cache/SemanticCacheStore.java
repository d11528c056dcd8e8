package dev.switchboard.core.cache;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the semantic cache keeps chat completions, keyed by partition and looked up by exact prompt text
 * or by embedding similarity.
 *
 * <p><b>Partitions.</b> Every lookup names one partition and never sees entries of another: the caller
 * puts into the partition everything that must match for an answer to be reusable (decision, model,
 * system prompt, earlier turns, tools, parameters).
 *
 * <p><b>Time.</b> Methods that depend on expiry take {@code now} from the caller instead of reading a
 * clock, so expiry is deterministic and testable without sleeping. An entry is served while
 * {@code now < expiresAt}; expired entries are never returned and are removed lazily or by
 * {@link #purgeExpired}. {@link #put} takes the entry's {@code createdAt} as the current time.
 *
 * <p><b>Capacity.</b> A store holds a bounded number of entries and evicts the least recently used
 * (written or returned by a lookup) across all partitions when full.
 *
 * <p><b>Threads and failures.</b> Implementations are thread-safe. Lookups and writes never throw for
 * backend trouble: a store that cannot reach its backend answers lookups with empty, drops writes, reports
 * {@link #isHealthy()} false and recovers by itself. Remote stores block on I/O (bounded by their
 * timeouts), so call them off event-loop threads. Implementations never log prompt text or responses.
 */
public interface SemanticCacheStore extends AutoCloseable {

    /** The entry whose prompt text equals {@code promptText} in {@code partition}, unless expired. */
    Optional<CacheHit> findExact(String partition, String promptText, Instant now);

    /**
     * The unexpired entry of {@code partition} most similar to {@code embedding}, if its cosine
     * similarity is at least {@code minSimilarity}. Indexed stores may search approximately and so,
     * rarely, miss the best match.
     *
     * @param embedding L2-normalized query vector of the store's dimension
     */
    Optional<CacheHit> findSimilar(String partition, float[] embedding, double minSimilarity, Instant now);

    /** Stores {@code entry}, replacing any entry with the same partition and prompt text. */
    void put(CacheEntry entry);

    /** Removes every entry of {@code partition}; returns how many were removed. */
    int clear(String partition);

    /** Removes every entry; returns how many were removed. */
    int clearAll();

    /** Removes entries expired at {@code now}; returns how many were removed. */
    int purgeExpired(Instant now);

    /** Partitions holding at least one entry, sorted by name. */
    List<PartitionStats> partitions();

    /** Entries held, including expired ones not yet purged. */
    long size();

    /** False while the backend is unreachable; lookups then miss and writes are dropped. */
    boolean isHealthy();

    /** Eviction and expiration counters. */
    StoreStats stats();

    /** Releases the store's resources; afterwards lookups miss and writes are ignored. */
    @Override
    void close();
}
