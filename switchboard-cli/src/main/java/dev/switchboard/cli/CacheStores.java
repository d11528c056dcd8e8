package dev.switchboard.cli;

import dev.switchboard.cache.postgres.PostgresCacheStore;
import dev.switchboard.core.cache.InMemoryCacheStore;
import dev.switchboard.core.cache.SemanticCacheStore;
import dev.switchboard.core.config.CacheSettings;

/** Opens the cache store the config names. */
final class CacheStores {

    private CacheStores() {}

    static SemanticCacheStore open(CacheSettings settings, int dimension) {
        return switch (settings.backend()) {
            case MEMORY -> InMemoryCacheStore.builder(dimension).maxEntries(settings.maxEntries()).build();
            case POSTGRES -> postgres(settings.postgres(), dimension);
        };
    }

    private static SemanticCacheStore postgres(CacheSettings.Postgres pg, int dimension) {
        String password = pg.passwordEnv() == null ? null : System.getenv(pg.passwordEnv());
        var builder = PostgresCacheStore.builder(pg.url(), dimension).table(pg.table()).poolSize(pg.poolSize());
        if (pg.user() != null) {
            builder.credentials(pg.user(), password);
        }
        return builder.build();
    }
}
