package dev.switchboard.cache.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.Properties;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections from a HikariCP pool, with the store's outage rule on top: after any error the connection is evicted
 * and, for a back-off, callers get their fallback at once without touching the database; then one caller at a time
 * probes it while the others keep falling back. Every connection is prepared (schema, session settings) once, before
 * its first use, so a database that restarts empty gets its table back.
 *
 * <p>All calls block on I/O bounded by the driver's timeouts and the pool's connection timeout: call them off event
 * loops.
 */
final class Connector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Connector.class);
    /** HikariCP refuses shorter connection timeouts. */
    private static final long MIN_POOL_TIMEOUT_MS = 250;

    /** Work done on the connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Prepares a freshly opened connection (types, schema) before any work runs on it. */
    @FunctionalInterface
    interface SqlSetup {
        void prepare(Connection connection) throws SQLException;
    }

    private final String url;
    private final HikariDataSource pool;
    private final SqlSetup setup;
    private final long backoffNanos;
    private final ReentrantLock probe = new ReentrantLock();
    // physical connections already prepared; weak, so connections the pool retires are forgotten
    private final Set<Connection> prepared = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private volatile long retryAfterNanos;
    private volatile boolean healthy;
    private volatile boolean failedBefore;
    private volatile boolean closed;

    Connector(String url, Properties properties, int poolSize, Duration connectTimeout, Duration backoff,
              SqlSetup setup) {
        this.url = url;
        this.setup = setup;
        this.backoffNanos = backoff.toNanos();
        this.retryAfterNanos = System.nanoTime();
        this.pool = new HikariDataSource(config(url, properties, poolSize, connectTimeout));
    }

    private static HikariConfig config(String url, Properties properties, int poolSize, Duration connectTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard-cache");
        config.setJdbcUrl(url);
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0); // an idle router holds no connections, and a down database is not polled
        // a borrower may wait for one connection to be opened (bounded by the driver's own connect timeout) and
        // handed over; twice that bounds it
        config.setConnectionTimeout(Math.max(MIN_POOL_TIMEOUT_MS, 2 * connectTimeout.toMillis()));
        config.setValidationTimeout(Math.max(MIN_POOL_TIMEOUT_MS, connectTimeout.toMillis() / 2));
        config.setInitializationFailTimeout(-1); // start even while the database is down
        return config;
    }

    /** Runs {@code work}, or returns {@code fallback} if the database cannot be used right now. */
    <T> T call(SqlWork<T> work, T fallback) {
        if (closed) {
            return fallback;
        }
        boolean probing = !healthy;
        if (probing && (System.nanoTime() - retryAfterNanos < 0 || !probe.tryLock())) {
            return fallback;
        }
        Connection connection = null;
        try {
            connection = pool.getConnection();
            prepareOnce(connection);
            T result = work.run(connection);
            connection.close();
            succeed();
            return result;
        } catch (SQLException | RuntimeException e) {
            evict(connection);
            fail(e);
            return fallback;
        } finally {
            if (probing) {
                probe.unlock();
            }
        }
    }

    boolean isHealthy() {
        return healthy;
    }

    @Override
    public void close() {
        closed = true;
        pool.close();
    }

    private void prepareOnce(Connection connection) throws SQLException {
        Connection physical = (Connection) connection.unwrap(org.postgresql.PGConnection.class);
        if (!prepared.contains(physical)) {
            setup.prepare(connection);
            prepared.add(physical);
        }
    }

    private void succeed() {
        if (!healthy && failedBefore) {
            log.info("Semantic cache database reachable again at {}", redactedUrl());
        }
        healthy = true;
    }

    // Any error may have left the connection unusable (broken socket, aborted transaction), and telling them apart
    // is not worth the risk: the pool opens a fresh one, after the back-off.
    private void fail(Exception e) {
        if (healthy || !failedBefore) {
            log.warn("Semantic cache database unavailable at {}; lookups miss and writes are dropped until it"
                    + " returns: {} {}", redactedUrl(), e.getClass().getSimpleName(), describe(e));
        } else {
            log.debug("Semantic cache database still unavailable: {}", describe(e));
        }
        healthy = false;
        failedBefore = true;
        retryAfterNanos = System.nanoTime() + backoffNanos;
    }

    private void evict(Connection connection) {
        if (connection != null) {
            pool.evictConnection(connection);
        }
    }

    // pgJDBC is told not to put server error details (which can quote row values) into messages; the SQLState plus
    // the primary message is enough to act on.
    private static String describe(Exception e) {
        String state = e instanceof SQLException sql ? " (SQLState " + sql.getSQLState() + ")" : "";
        return e.getMessage() + state;
    }

    private String redactedUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
