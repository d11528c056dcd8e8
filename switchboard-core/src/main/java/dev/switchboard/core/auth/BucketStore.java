package dev.switchboard.core.auth;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where tenants' token buckets live: in this process ({@link #memory()}, each replica counting its own), or in a
 * store every replica shares (a database through a Bucket4j proxy manager), so that N replicas behind a balancer
 * enforce one limit rather than N times it.
 *
 * <p>Calls on a shared store's buckets block on I/O, so {@link RateLimits} makes every call through
 * {@link #call}, which runs it where blocking is allowed: inline for memory, on the store's own bounded threads for
 * a database, never on an event loop.
 */
public interface BucketStore extends AutoCloseable {

    /**
     * The bucket kept under {@code key}, created with {@code configuration} on first use. Getting it costs no I/O;
     * using it may block (see {@link #call}).
     */
    Bucket bucket(String key, BucketConfiguration configuration);

    /**
     * Runs {@code work} on this store's buckets where it may block; the future fails when the store cannot be used
     * (a database that is down or too slow), and {@link RateLimits} then falls back to buckets in memory.
     */
    <T> CompletableFuture<T> call(Supplier<T> work);

    @Override
    default void close() {}

    /** Buckets in this process; calls run inline (microseconds, no I/O). */
    static BucketStore memory() {
        return MemoryBucketStore.INSTANCE;
    }
}
