package dev.switchboard.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryCacheStoreTest extends SemanticCacheStoreContract {

    @Override
    protected SemanticCacheStore newStore(int dimension, int maxEntries) {
        return InMemoryCacheStore.builder(dimension).maxEntries(maxEntries).build();
    }

    /** The same contract with every partition searched through the jvector graph. */
    @Nested
    class GraphIndexed extends SemanticCacheStoreContract {
        @Override
        protected SemanticCacheStore newStore(int dimension, int maxEntries) {
            return InMemoryCacheStore.builder(dimension).maxEntries(maxEntries).graphThreshold(2).build();
        }
    }

    @Test
    void graphSearchFindsRecentEntriesAfterHeavyChurn() {
        int dimension = 32;
        Random random = new Random(42);
        try (InMemoryCacheStore big = InMemoryCacheStore.builder(dimension)
                .maxEntries(500).graphThreshold(128).graph(16, 50, 50).build()) {
            float[][] vectors = new float[1_600][];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = randomUnit(random, dimension);
                big.put(new CacheEntry("p", "q" + i, vectors[i], new byte[0], T0, T0.plus(TTL)));
            }
            int found = 0;
            for (int i = vectors.length - 200; i < vectors.length; i++) {
                var hit = big.findSimilar("p", vectors[i], 0.99, T0);
                found += hit.isPresent() && hit.get().entry().promptText().equals("q" + i) ? 1 : 0;
            }
            assertThat(found).isGreaterThanOrEqualTo(196); // approximate search: allow 2% misses
            assertThat(big.size()).isEqualTo(500);
            assertThat(big.stats().evictions()).isEqualTo(1_100);
        }
    }

    @Test
    void partitionShrinkingBelowTheGraphThresholdIsStillSearchable() {
        try (InMemoryCacheStore small = InMemoryCacheStore.builder(DIMENSION).maxEntries(100)
                .graphThreshold(8).build()) {
            for (int i = 0; i < 8; i++) {
                small.put(entry("p", "q" + i, axis(i)));
            }
            for (int i = 0; i < 7; i++) {
                small.put(entry("other", "filler" + i, axis(0))); // not touching partition p
            }
            small.clear("other");
            assertThat(text(small.findSimilar("p", axis(5), 0.9, T0).orElseThrow())).isEqualTo("answer to q5");
        }
    }

    @Test
    void maxBytesBoundsTheStore() {
        CacheEntry sample = entry("p", "a", axis(0), "x".repeat(1_000));
        long weight = InMemoryCacheStore.ENTRY_OVERHEAD_BYTES + 4L * DIMENSION + 4 + 1_000;
        try (InMemoryCacheStore bounded = InMemoryCacheStore.builder(DIMENSION).maxBytes(3 * weight).build()) {
            for (String prompt : new String[] {"a", "b", "c", "d"}) {
                bounded.put(entry("p", prompt, axis(0), "x".repeat(1_000)));
            }
            assertThat(bounded.size()).isEqualTo(3);
            assertThat(bounded.estimatedBytes()).isLessThanOrEqualTo(3 * weight);
            assertThat(bounded.findExact("p", "a", T0)).isEmpty();
            assertThat(sample.response()).hasSize(1_000);
        }
    }

    @Test
    void entryLargerThanTheWholeBudgetIsNotStored() {
        try (InMemoryCacheStore bounded = InMemoryCacheStore.builder(DIMENSION).maxBytes(10_000).build()) {
            bounded.put(entry("p", "small", axis(0)));
            bounded.put(entry("p", "huge", axis(1), "x".repeat(20_000)));
            assertThat(bounded.findExact("p", "small", T0)).isPresent();
            assertThat(bounded.findExact("p", "huge", T0)).isEmpty();
        }
    }

    @Test
    void rejectsWrongDimensionAndUnnormalizedEmbeddings() {
        assertThatThrownBy(() -> store.findSimilar("p", new float[3], 0.5, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
        float[] tooLong = axis(0);
        tooLong[1] = 1f;
        assertThatThrownBy(() -> entry("p", "q", tooLong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("normalized");
        assertThatThrownBy(() -> new CacheEntry("p", "q", axis(0), new byte[0], T0, T0.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closedStoreMissesAndIgnoresWrites() {
        store.put(entry("p", "q", axis(0)));
        store.close();
        store.put(entry("p", "r", axis(1)));
        assertThat(store.findExact("p", "q", Instant.EPOCH)).isEmpty();
        assertThat(store.size()).isZero();
        assertThat(store.isHealthy()).isFalse();
    }

    static float[] randomUnit(Random random, int dimension) {
        float[] v = new float[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            v[i] *= scale;
        }
        return v;
    }
}
