package dev.switchboard.cache.postgres;

import dev.switchboard.core.cache.SemanticCacheStore;
import dev.switchboard.core.cache.SemanticCacheStoreContract;
import java.time.Duration;

/** The store contract against a real PostgreSQL with pgvector (PGlite). */
class PostgresCacheStoreTest extends SemanticCacheStoreContract {

    @Override
    protected SemanticCacheStore newStore(int dimension, int maxEntries) {
        SemanticCacheStore store = PostgresCacheStore.builder(PgliteServer.shared().jdbcUrl(), dimension)
                .table("contract_cache").maxEntries(maxEntries)
                .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)).build();
        store.clearAll(); // one database serves every test
        return store;
    }

    @Override
    protected int concurrentOperations() {
        return 40; // every call is a round trip over PGlite's single connection
    }
}
