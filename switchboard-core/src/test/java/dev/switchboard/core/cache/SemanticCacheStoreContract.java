package dev.switchboard.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SemanticCacheStore} backend must show. A backend's test extends this class
 * and says how to make an empty store; the tests pass time in explicitly and never sleep.
 */
public abstract class SemanticCacheStoreContract {

    protected static final int DIMENSION = 8;
    protected static final int CAPACITY = 3;
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    protected static final Duration TTL = Duration.ofMinutes(10);

    protected SemanticCacheStore store;

    /** An empty store of {@link #DIMENSION} holding at most {@code maxEntries} entries. */
    protected abstract SemanticCacheStore newStore(int dimension, int maxEntries);

    @BeforeEach
    void openStore() {
        store = newStore(DIMENSION, CAPACITY);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void exactLookupHitsOnlyTheSamePromptText() {
        store.put(entry("p", "what is a monad", axis(0)));

        CacheHit hit = store.findExact("p", "what is a monad", T0).orElseThrow();
        assertThat(hit.similarity()).isEqualTo(1.0);
        assertThat(text(hit)).isEqualTo("answer to what is a monad");
        assertThat(store.findExact("p", "what is a monad?", T0)).isEmpty();
    }

    @Test
    void similarLookupHitsAboveThresholdAndMissesBelow() {
        store.put(entry("p", "cats", axis(0)));

        CacheHit hit = store.findSimilar("p", rotated(0.95), 0.9, T0).orElseThrow();
        assertThat(text(hit)).isEqualTo("answer to cats");
        assertThat(hit.similarity()).isCloseTo(0.95, offset(1e-4));
        assertThat(store.findSimilar("p", rotated(0.85), 0.9, T0)).isEmpty();
    }

    @Test
    void similarLookupReturnsTheClosestEntry() {
        store.put(entry("p", "far", rotated(0.5)));
        store.put(entry("p", "near", rotated(0.99)));
        store.put(entry("p", "other", axis(3)));

        assertThat(text(store.findSimilar("p", axis(0), 0.4, T0).orElseThrow())).isEqualTo("answer to near");
    }

    @Test
    void partitionsAreIsolated() {
        store.put(entry("a", "hello", axis(0)));

        assertThat(store.findExact("b", "hello", T0)).isEmpty();
        assertThat(store.findSimilar("b", axis(0), 0.5, T0)).isEmpty();
        assertThat(store.findExact("a", "hello", T0)).isPresent();
    }

    @Test
    void samePromptInSamePartitionReplacesTheEntry() {
        store.put(entry("p", "q", axis(0), "first"));
        store.put(entry("p", "q", axis(1), "second"));

        assertThat(store.size()).isEqualTo(1);
        assertThat(text(store.findExact("p", "q", T0).orElseThrow())).isEqualTo("second");
        assertThat(store.findSimilar("p", axis(0), 0.9, T0)).isEmpty();
        assertThat(text(store.findSimilar("p", axis(1), 0.9, T0).orElseThrow())).isEqualTo("second");
    }

    @Test
    void expiredEntriesAreNeverServedAndArePurged() {
        store.put(entry("p", "q", axis(0)));
        Instant expiry = T0.plus(TTL);

        assertThat(store.findExact("p", "q", expiry.minusMillis(1))).isPresent();
        assertThat(store.findExact("p", "q", expiry)).isEmpty();
        assertThat(store.findSimilar("p", axis(0), 0.5, expiry)).isEmpty();
        assertThat(store.purgeExpired(expiry)).isEqualTo(1);
        assertThat(store.size()).isZero();
        assertThat(store.stats().expirations()).isEqualTo(1);
    }

    @Test
    void similarLookupSkipsExpiredBestMatchForAnUnexpiredOne() {
        store.put(new CacheEntry("p", "old", axis(0), bytes("old"), T0, T0.plusSeconds(1)));
        store.put(entry("p", "fresh", rotated(0.9)));

        CacheHit hit = store.findSimilar("p", axis(0), 0.5, T0.plusSeconds(5)).orElseThrow();
        assertThat(text(hit)).isEqualTo("answer to fresh");
    }

    @Test
    void clearRemovesOnePartitionAndClearAllRemovesEverything() {
        store.put(entry("a", "1", axis(0)));
        store.put(entry("a", "2", axis(1)));
        store.put(entry("b", "1", axis(2)));
        assertThat(store.partitions()).containsExactly(new PartitionStats("a", 2), new PartitionStats("b", 1));

        assertThat(store.clear("a")).isEqualTo(2);
        assertThat(store.findExact("a", "1", T0)).isEmpty();
        assertThat(store.partitions()).containsExactly(new PartitionStats("b", 1));
        assertThat(store.clearAll()).isEqualTo(1);
        assertThat(store.size()).isZero();
        assertThat(store.partitions()).isEmpty();
    }

    @Test
    void fullStoreEvictsTheLeastRecentlyUsedEntry() {
        store.put(entry("p", "a", axis(0), "a", T0));
        store.put(entry("x", "b", axis(1), "b", T0.plusSeconds(1)));
        store.put(entry("p", "c", axis(2), "c", T0.plusSeconds(2)));
        assertThat(store.findExact("p", "a", T0.plusSeconds(3))).isPresent(); // "b" is now least recent

        store.put(entry("p", "d", axis(3), "d", T0.plusSeconds(4)));

        assertThat(store.size()).isEqualTo(CAPACITY);
        assertThat(store.findExact("x", "b", T0.plusSeconds(5))).isEmpty();
        assertThat(store.findExact("p", "a", T0.plusSeconds(5))).isPresent();
        assertThat(store.stats().evictions()).isEqualTo(1);
    }

    @Test
    void similarHitAlsoCountsAsUse() {
        store.put(entry("p", "a", axis(0), "a", T0));
        store.put(entry("p", "b", axis(1), "b", T0.plusSeconds(1)));
        store.put(entry("p", "c", axis(2), "c", T0.plusSeconds(2)));
        assertThat(store.findSimilar("p", axis(0), 0.9, T0.plusSeconds(3))).isPresent();

        store.put(entry("p", "d", axis(3), "d", T0.plusSeconds(4)));

        assertThat(store.findExact("p", "a", T0.plusSeconds(5))).isPresent();
        assertThat(store.findExact("p", "b", T0.plusSeconds(5))).isEmpty();
    }

    @Test
    void concurrentPutsAndLookupsDoNotFail() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                tasks.add(pool.submit(() -> putAndLookUp(thread, concurrentOperations())));
            }
            for (Future<?> task : tasks) {
                task.get(60, TimeUnit.SECONDS); // rethrows anything a thread threw
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.size()).isBetween(1L, (long) CAPACITY);
        assertThat(store.isHealthy()).isTrue();
    }

    /** Operations per thread in the concurrency test; remote backends may lower it. */
    protected int concurrentOperations() {
        return 300;
    }

    private void putAndLookUp(int thread, int operations) {
        for (int i = 0; i < operations; i++) {
            String prompt = "t" + thread + "-" + (i % 7);
            store.put(entry("p" + (i % 2), prompt, axis((thread + i) % DIMENSION)));
            store.findExact("p" + (i % 2), prompt, T0);
            store.findSimilar("p" + (i % 2), axis(i % DIMENSION), 0.5, T0);
            if (i % 50 == 0) {
                store.partitions();
            }
        }
    }

    protected static CacheEntry entry(String partition, String prompt, float[] embedding) {
        return entry(partition, prompt, embedding, "answer to " + prompt);
    }

    protected static CacheEntry entry(String partition, String prompt, float[] embedding, String answer) {
        return entry(partition, prompt, embedding, answer, T0);
    }

    protected static CacheEntry entry(String partition, String prompt, float[] embedding, String answer,
            Instant createdAt) {
        return new CacheEntry(partition, prompt, embedding, bytes(answer), createdAt, T0.plus(TTL));
    }

    /** The unit vector along axis {@code i}. */
    protected static float[] axis(int i) {
        float[] v = new float[DIMENSION];
        v[i] = 1f;
        return v;
    }

    /** A unit vector whose cosine similarity to {@code axis(0)} is {@code cosine}. */
    protected static float[] rotated(double cosine) {
        float[] v = new float[DIMENSION];
        v[0] = (float) cosine;
        v[1] = (float) Math.sqrt(1 - cosine * cosine);
        return v;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static String text(CacheHit hit) {
        return new String(hit.entry().response(), StandardCharsets.UTF_8);
    }
}
