package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.CacheSettings;
import java.time.Duration;
import java.util.Set;

/** Reads the top-level {@code cache} section: the semantic cache backend and the defaults decisions inherit. */
final class CacheReader {

    static final Set<String> CACHE_KEYS = Set.of("enabled", "backend", "mode", "similarity_threshold", "ttl",
            "max_entries", "postgres", "partition_by", "verifier", "store_tool_calls");
    static final Set<String> POSTGRES_KEYS = Set.of("url", "user", "password_env", "table", "pool_size");

    private CacheReader() {}

    static CacheSettings read(ConfigNode node) {
        CacheSettings defaults = CacheSettings.DEFAULTS;
        node.rejectUnknown(CACHE_KEYS);
        boolean enabled = node.boolOr("enabled", defaults.enabled());
        CacheSettings.Backend backend = node.enumOr("backend", CacheSettings.Backend.class, defaults.backend());
        CacheSettings.Mode mode = node.enumOr("mode", CacheSettings.Mode.class, defaults.mode());
        double threshold = node.doubleOr("similarity_threshold", defaults.similarityThreshold());
        node.check(threshold > 0 && threshold <= 1, "similarity_threshold", "`similarity_threshold` " + threshold
                + " is outside (0, 1]", "a cosine similarity; `switchboard eval cache` recommends one");
        Duration ttl = node.durationOr("ttl", defaults.ttl());
        node.check(!ttl.isZero() && !ttl.isNegative(), "ttl", "`ttl` must be longer than zero", Durations.EXPECTED);
        int maxEntries = node.intOr("max_entries", defaults.maxEntries());
        node.check(maxEntries >= 1, "max_entries", "`max_entries` must be at least 1", null);
        CacheSettings.Postgres postgres = postgres(node, backend);
        CacheSettings.PartitionBy partitionBy = node.enumOr("partition_by", CacheSettings.PartitionBy.class,
                defaults.partitionBy());
        boolean verifier = node.boolOr("verifier", defaults.verifier());
        boolean storeToolCalls = node.boolOr("store_tool_calls", defaults.storeToolCalls());
        return new CacheSettings(enabled, backend, mode, threshold, ttl, maxEntries, postgres, partitionBy, verifier,
                storeToolCalls);
    }

    private static CacheSettings.Postgres postgres(ConfigNode cache, CacheSettings.Backend backend) {
        if (!cache.has("postgres")) {
            cache.check(backend != CacheSettings.Backend.POSTGRES, "postgres",
                    "backend `postgres` needs a `postgres` section",
                    "postgres: {url: jdbc:postgresql://db:5432/switchboard, user: switchboard}");
            return null;
        }
        ConfigNode node = cache.object("postgres");
        node.rejectUnknown(POSTGRES_KEYS);
        String url = node.string("url");
        node.check(url == null || url.startsWith("jdbc:postgresql:"), "url", "`url` must be a PostgreSQL JDBC URL",
                "e.g. jdbc:postgresql://127.0.0.1:5432/switchboard");
        String passwordEnv = node.stringOr("password_env", null);
        if (passwordEnv != null && node.envValue(passwordEnv) == null) {
            node.error("password_env", "environment variable `" + passwordEnv + "` is not set",
                    "export " + passwordEnv + "=<password>, or remove password_env");
        }
        String table = node.stringOr("table", "switchboard_cache");
        node.check(table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}"), "table", "`table` must be a plain SQL identifier",
                "letters, digits and underscores");
        int poolSize = node.intOr("pool_size", 4);
        node.check(poolSize >= 1 && poolSize <= 64, "pool_size", "`pool_size` must be between 1 and 64",
                "connections to the database; 4 suits most routers");
        return new CacheSettings.Postgres(url, node.stringOr("user", null), passwordEnv, table, poolSize);
    }
}
