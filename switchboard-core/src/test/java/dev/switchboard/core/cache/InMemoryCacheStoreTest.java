package dev.switchboard.core.cache;

class InMemoryCacheStoreTest extends SemanticCacheStoreContract {

    @Override
    protected SemanticCacheStore newStore(int dimension, int maxEntries) {
        return InMemoryCacheStore.builder(dimension).maxEntries(maxEntries).build();
    }
}
