package dev.switchboard.cli;

import dev.switchboard.cache.postgres.PostgresBucketStore;
import dev.switchboard.core.auth.BucketStore;
import dev.switchboard.core.config.AuthSettings;
import dev.switchboard.core.config.CacheSettings;
import dev.switchboard.core.config.SwitchboardConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the store for tenants' rate-limit buckets that {@code auth.rate_limit_store} names (read once, at start). */
final class RateLimitStores {

    private static final Logger log = LoggerFactory.getLogger(RateLimitStores.class);

    private RateLimitStores() {}

    static BucketStore open(SwitchboardConfig config) {
        if (!config.auth().enabled() || config.auth().rateLimitStore() != AuthSettings.RateLimitStore.POSTGRES) {
            return BucketStore.memory();
        }
        CacheSettings.Postgres pg = config.cache().postgres(); // the config reader made sure it is set
        String password = pg.passwordEnv() == null ? null : System.getenv(pg.passwordEnv());
        log.info("Rate limits and budgets shared with every replica through PostgreSQL (table {})",
                PostgresBucketStore.TABLE);
        return PostgresBucketStore.open(pg.url(), pg.user(), password, pg.poolSize());
    }
}
