package dev.switchboard.core.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Buckets in this process, one per request for one: {@link RateLimits} keeps each tenant's buckets for as long as
 * its limits stay the same, so this store needs no map of its own.
 */
final class MemoryBucketStore implements BucketStore {

    static final MemoryBucketStore INSTANCE = new MemoryBucketStore();

    private MemoryBucketStore() {}

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder();
        for (Bandwidth bandwidth : configuration.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    @Override
    public <T> CompletableFuture<T> call(Supplier<T> work) {
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
