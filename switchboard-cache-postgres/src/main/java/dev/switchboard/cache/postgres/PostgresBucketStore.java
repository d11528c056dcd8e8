package dev.switchboard.cache.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchboard.core.auth.BucketStore;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Rate-limit buckets in PostgreSQL, shared by every replica that points at the same database: Bucket4j's
 * select-for-update proxy manager over a HikariCP pool of this store's own, one row per tenant bucket in
 * {@value #TABLE} (created on first use). Each call is one short transaction that locks the bucket's row, so
 * replicas take turns on a tenant's bucket and together let through one limit.
 *
 * <p>Every call blocks on the database, so it runs on this store's threads (as many as pool connections, with a
 * bounded queue), never on the caller's. After a failure the store refuses calls for a back-off without touching
 * the database, so a database that is down costs requests nothing while {@code RateLimits} falls back to limits in
 * memory. Rows of buckets that have refilled are deleted once a minute.
 */
public final class PostgresBucketStore implements BucketStore {

    /** The table every replica keeps its buckets in. */
    public static final String TABLE = "switchboard_rate_limits";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    private static final long BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long CLEANUP_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int QUEUE = 1024;

    private final HikariDataSource pool;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final ThreadPoolExecutor threads;
    private final AtomicLong retryAfter = new AtomicLong(System.nanoTime());
    private final AtomicLong nextCleanup = new AtomicLong(System.nanoTime() + CLEANUP_NANOS);
    private volatile boolean tableReady;

    private PostgresBucketStore(String url, String user, String password, int poolSize) {
        this.pool = new HikariDataSource(poolConfig(url, user, password, poolSize));
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                // a row may go once its bucket would be full again: a fresh bucket is the same bucket
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofMinutes(1)))
                .build();
        this.threads = threads(poolSize);
    }

    /**
     * Opens a store on the database at {@code url} ({@code user} and {@code password} may be null); it connects on
     * first use, so a database that is down now does not fail this.
     */
    public static PostgresBucketStore open(String url, String user, String password, int poolSize) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
        }
        return new PostgresBucketStore(url, user, password, poolSize);
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return buckets.builder().build(key, () -> configuration);
    }

    @Override
    public <T> CompletableFuture<T> call(Supplier<T> work) {
        if (System.nanoTime() - retryAfter.get() < 0) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the rate-limit database failed less than a second ago"));
        }
        scheduleCleanup();
        try {
            return CompletableFuture.supplyAsync(() -> run(work), threads);
        } catch (RejectedExecutionException full) {
            return CompletableFuture.failedFuture(full);
        }
    }

    @Override
    public void close() {
        threads.shutdown();
        pool.close();
    }

    private <T> T run(Supplier<T> work) {
        try {
            createTableOnce();
            return work.get();
        } catch (RuntimeException e) {
            retryAfter.set(System.nanoTime() + BACKOFF_NANOS);
            throw e;
        }
    }

    private void createTableOnce() {
        if (tableReady) {
            return;
        }
        try (Connection connection = pool.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (id VARCHAR(255) PRIMARY KEY, state BYTEA, expires_at BIGINT)");
            tableReady = true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + TABLE + ": " + e.getMessage()
                    + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /** Queues a sweep of refilled buckets' rows once a minute, behind the calls already waiting. */
    private void scheduleCleanup() {
        long due = nextCleanup.get();
        if (System.nanoTime() - due >= 0 && nextCleanup.compareAndSet(due, System.nanoTime() + CLEANUP_NANOS)) {
            call(() -> buckets.removeExpired(1000));
        }
    }

    private static HikariConfig poolConfig(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard-rate-limits");
        config.setJdbcUrl(url);
        config.setDataSourceProperties(JdbcProperties.of(user, password, CONNECT_TIMEOUT, SOCKET_TIMEOUT,
                "switchboard-rate-limits"));
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0); // an idle router holds no connections, and a down database is not polled
        config.setConnectionTimeout(2 * CONNECT_TIMEOUT.toMillis());
        config.setValidationTimeout(CONNECT_TIMEOUT.toMillis() / 2);
        config.setInitializationFailTimeout(-1); // start even while the database is down
        return config;
    }

    private static ThreadPoolExecutor threads(int size) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread thread = new Thread(r, "switchboard-rate-limits-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
