package dev.switchboard.cache.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.cache.CacheEntry;
import dev.switchboard.core.cache.SemanticCacheStore;
import dev.switchboard.core.cache.SemanticCacheStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The store contract against a real PostgreSQL with pgvector (PGlite), plus PostgreSQL specifics. */
class PostgresCacheStoreTest extends SemanticCacheStoreContract {

    @Override
    protected SemanticCacheStore newStore(int dimension, int maxEntries) {
        SemanticCacheStore store = builder(dimension).maxEntries(maxEntries).build();
        store.clearAll(); // one database serves every test
        return store;
    }

    @Override
    protected int concurrentOperations() {
        return 40; // every call is a round trip over PGlite's single connection
    }

    @Test
    void tableOfAnotherDimensionMakesTheStoreUnhealthyInsteadOfFailingCalls() {
        store.put(entry("p", "q", axis(0))); // creates contract_cache with vector(8)
        store.close();
        float[] wider = new float[DIMENSION * 2];
        wider[0] = 1f;
        try (PostgresCacheStore other = builder(wider.length).build()) {
            other.put(new CacheEntry("p", "r", wider, new byte[0], T0, T0.plus(TTL)));
            assertThat(other.findExact("p", "q", T0)).isEmpty();
            assertThat(other.isHealthy()).isFalse();
        }
    }

    @Test
    void rejectsUnsafeTableNames() {
        assertThatThrownBy(() -> PostgresCacheStore.builder(PgliteServer.shared().jdbcUrl(), 4)
                .table("cache; DROP TABLE x").build()).isInstanceOf(IllegalArgumentException.class);
    }

    private static PostgresCacheStoreBuilder builder(int dimension) {
        return PostgresCacheStore.builder(PgliteServer.shared().jdbcUrl(), dimension).table("contract_cache")
                .poolSize(1) // PGlite serves one connection at a time
                .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
