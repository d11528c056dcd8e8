package dev.switchboard.cache.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDBC connection that is opened on demand, dropped on any error and reopened after a back-off.
 *
 * <p>One connection (not a pool) because statements are short and because PGlite, which the tests use,
 * serves one connection at a time. While the database is down, callers get their fallback at once: during
 * the back-off nobody tries, and while one thread tries to reconnect the others do not wait for it.
 */
final class Connector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Connector.class);

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
    private final Properties properties;
    private final SqlSetup setup;
    private final long backoffNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private long retryAfterNanos;
    private volatile boolean healthy;
    private boolean failedBefore;
    private volatile boolean closed;

    Connector(String url, Properties properties, Duration backoff, SqlSetup setup) {
        this.url = url;
        this.properties = properties;
        this.backoffNanos = backoff.toNanos();
        this.setup = setup;
        this.retryAfterNanos = System.nanoTime();
    }

    /** Runs {@code work}, or returns {@code fallback} if the database cannot be used right now. */
    <T> T call(SqlWork<T> work, T fallback) {
        if (!acquire()) {
            return fallback;
        }
        try {
            Connection open = openIfDue();
            return open == null ? fallback : succeed(work.run(open));
        } catch (SQLException | RuntimeException e) {
            fail(e);
            return fallback;
        } finally {
            lock.unlock();
        }
    }

    boolean isHealthy() {
        return healthy;
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            dropConnection();
        } finally {
            lock.unlock();
        }
    }

    // A healthy store queues for the connection; an unhealthy one must not make callers wait on a
    // reconnect attempt that may take the whole connect timeout.
    private boolean acquire() {
        if (closed) {
            return false;
        }
        if (healthy) {
            lock.lock();
            return true;
        }
        return lock.tryLock();
    }

    private Connection openIfDue() throws SQLException {
        if (connection != null) {
            return connection;
        }
        if (System.nanoTime() - retryAfterNanos < 0) {
            return null;
        }
        connection = DriverManager.getConnection(url, properties);
        setup.prepare(connection);
        return connection;
    }

    private <T> T succeed(T result) {
        if (!healthy && failedBefore) {
            log.info("Semantic cache database reachable again at {}", redactedUrl());
        }
        healthy = true;
        return result;
    }

    // Any error may have left the connection unusable (broken socket, aborted transaction), and telling
    // them apart is not worth the risk: start over on a fresh connection after the back-off.
    private void fail(Exception e) {
        if (healthy || connection != null) {
            log.warn("Semantic cache database unavailable at {}; lookups miss and writes are dropped until it"
                    + " returns: {} {}", redactedUrl(), e.getClass().getSimpleName(), describe(e));
        } else {
            log.debug("Semantic cache database still unavailable: {}", describe(e));
        }
        healthy = false;
        failedBefore = true;
        dropConnection();
        retryAfterNanos = System.nanoTime() + backoffNanos;
    }

    // pgJDBC is told not to put server error details (which can quote row values) into messages; the
    // SQLState plus the primary message is enough to act on.
    private static String describe(Exception e) {
        String state = e instanceof SQLException sql ? " (SQLState " + sql.getSQLState() + ")" : "";
        return e.getMessage() + state;
    }

    private String redactedUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private void dropConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection is being discarded because it is broken
        }
        connection = null;
    }
}
