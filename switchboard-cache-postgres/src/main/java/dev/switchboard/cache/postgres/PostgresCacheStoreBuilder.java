package dev.switchboard.cache.postgres;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/** Validates the settings of a {@link PostgresCacheStore}, then freezes them into one. */
public final class PostgresCacheStoreBuilder {

    final String url;
    final int dimension;
    String table = "switchboard_semantic_cache";
    int maxEntries = 100_000;
    String user;
    String password;
    Duration connectTimeout = Duration.ofSeconds(2);
    Duration socketTimeout = Duration.ofSeconds(3);
    Duration retryBackoff = Duration.ofSeconds(1);
    int poolSize = 4;

    PostgresCacheStoreBuilder(String url, int dimension) {
        if (!Objects.requireNonNull(url, "url").startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
        }
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        this.url = url;
        this.dimension = dimension;
    }

    /** Table name (a lower-case SQL identifier); replicas sharing a cache use the same one. */
    public PostgresCacheStoreBuilder table(String table) {
        this.table = Objects.requireNonNull(table, "table");
        return this;
    }

    /** Most rows kept; beyond it the least recently used are deleted. */
    public PostgresCacheStoreBuilder maxEntries(int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        return this;
    }

    /** Most connections the store's HikariCP pool opens (lookups, writes and admin calls in parallel). */
    public PostgresCacheStoreBuilder poolSize(int poolSize) {
        if (poolSize <= 0) {
            throw new IllegalArgumentException("poolSize must be positive: " + poolSize);
        }
        this.poolSize = poolSize;
        return this;
    }

    /** Log in as {@code user}; {@code password} may be null (trust, peer or certificate authentication). */
    public PostgresCacheStoreBuilder credentials(String user, String password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = password;
        return this;
    }

    /**
     * Upper bounds on waiting for the database: to open a connection, and for any one read from it. Both
     * are rounded up to whole seconds, the driver's unit.
     */
    public PostgresCacheStoreBuilder timeouts(Duration connect, Duration socket) {
        this.connectTimeout = requirePositive(connect, "connect timeout");
        this.socketTimeout = requirePositive(socket, "socket timeout");
        return this;
    }

    /** How long after a failure calls skip the database before one of them tries to reconnect. */
    public PostgresCacheStoreBuilder retryBackoff(Duration retryBackoff) {
        this.retryBackoff = requirePositive(retryBackoff, "retry backoff");
        return this;
    }

    /** Creates the store; it connects on first use, so a database that is down now does not fail this. */
    public PostgresCacheStore build() {
        new CacheTable(table, dimension); // validates the table name now rather than on first use
        return new PostgresCacheStore(this);
    }

    Properties connectionProperties() {
        return JdbcProperties.of(user, password, connectTimeout, socketTimeout, "switchboard-cache");
    }

    private static Duration requirePositive(Duration duration, String name) {
        if (Objects.requireNonNull(duration, name).isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }
}
