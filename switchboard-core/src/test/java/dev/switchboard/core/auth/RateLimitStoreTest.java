package dev.switchboard.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.AuthSettings;
import dev.switchboard.core.config.AuthSettings.Budget;
import dev.switchboard.core.config.AuthSettings.ClientKey;
import dev.switchboard.core.config.AuthSettings.RateLimit;
import dev.switchboard.core.config.AuthSettings.UpstreamKey;
import dev.switchboard.core.config.KeyDigest;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Limits kept in a {@link BucketStore}: replicas that share one count into the same buckets, a changed limit starts
 * fresh ones, and a store that fails leaves each replica its own limits rather than none or an error. The shared
 * store here is a map of in-process buckets standing in for the database (PostgresBucketStore is tested against
 * PostgreSQL in the cli module's SharedRateLimitsTest).
 */
class RateLimitStoreTest {

    private static final String SECRET = "sk-app-0123456789abcdef";

    private static Tenant tenant(RateLimit rate) {
        ClientKey key = new ClientKey("app", KeyDigest.of(SECRET), Set.of(), Set.of(), rate, Budget.NONE,
                UpstreamKey.OPERATOR);
        return ((AuthResult.Allowed) new Authenticator(new AuthSettings(List.of(key)))
                .authenticateBearer("Bearer " + SECRET)).tenant();
    }

    @Test
    void twoReplicasOnOneStoreShareTheTenantsBuckets() {
        MapStore shared = new MapStore();
        RateLimits first = new RateLimits(shared);
        RateLimits second = new RateLimits(shared);
        Tenant app = tenant(new RateLimit(2, 0));
        assertThat(first.tryAcquire(app, 1).join()).isEmpty();
        assertThat(second.tryAcquire(app, 1).join()).isEmpty();
        assertThat(first.tryAcquire(app, 1).join()).isPresent();
        assertThat(second.tryAcquire(app, 1).join()).isPresent();
        assertThat(shared.buckets).containsOnlyKeys("app:requests_per_minute:2");
    }

    @Test
    void aChangedLimitStartsAFreshBucket() {
        MapStore shared = new MapStore();
        RateLimits limits = new RateLimits(shared);
        assertThat(limits.tryAcquire(tenant(new RateLimit(1, 0)), 1).join()).isEmpty();
        assertThat(limits.tryAcquire(tenant(new RateLimit(1, 0)), 1).join()).isPresent();
        assertThat(limits.tryAcquire(tenant(new RateLimit(3, 0)), 1).join()).isEmpty();
        assertThat(shared.buckets).containsOnlyKeys("app:requests_per_minute:1", "app:requests_per_minute:3");
    }

    @Test
    void aFailingStoreFallsBackToLimitsInThisReplica() {
        RateLimits limits = new RateLimits(new FailingStore());
        Tenant app = tenant(new RateLimit(2, 0));
        assertThat(limits.tryAcquire(app, 1).join()).isEmpty();
        assertThat(limits.tryAcquire(app, 1).join()).isEmpty();
        assertThat(limits.tryAcquire(app, 1).join()).hasValueSatisfying(d -> assertThat(d.status()).isEqualTo(429));
        limits.charge(app, 5); // no exception escapes the charge either
    }

    /** Buckets by key in one map, as a database shares them; calls run inline. */
    private static final class MapStore implements BucketStore {
        final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

        @Override
        public Bucket bucket(String key, BucketConfiguration configuration) {
            return buckets.computeIfAbsent(key, k -> BucketStore.memory().bucket(k, configuration));
        }

        @Override
        public <T> CompletableFuture<T> call(Supplier<T> work) {
            return CompletableFuture.completedFuture(work.get());
        }
    }

    /** A database that is down: every call fails. */
    private static final class FailingStore implements BucketStore {
        @Override
        public Bucket bucket(String key, BucketConfiguration configuration) {
            return BucketStore.memory().bucket(key, configuration);
        }

        @Override
        public <T> CompletableFuture<T> call(Supplier<T> work) {
            return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
        }
    }
}
