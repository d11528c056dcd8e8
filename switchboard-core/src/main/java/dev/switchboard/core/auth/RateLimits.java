package dev.switchboard.core.auth;

import dev.switchboard.core.config.AuthSettings.Budget;
import dev.switchboard.core.config.AuthSettings.RateLimit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-tenant rate limits and token budgets, as Bucket4j token buckets kept in a {@link BucketStore}: in this
 * process by default, or in a store all replicas share ({@code auth.rate_limit_store: postgres}).
 *
 * <p>How tokens are counted: {@link #tryAcquire} charges a request's <em>estimated</em> prompt tokens up front
 * (the caller's estimate; the HTTP proxy uses the body size / 4), so a burst of huge prompts is refused before
 * any work is done. When the answer reports its usage, {@link #charge} adds the completion tokens, even past the
 * limit: the tenant's next requests then wait until the bucket refills. A stream that reports no usage is charged
 * its prompt estimate only.
 *
 * <p>Calls on a shared store block on the database, so both methods return at once and the work runs on the
 * store's threads; the future completes there (adapters hop back to their own thread). While the shared store
 * fails, limits fall back to buckets in this process: each replica enforces the limit on its own (N replicas let a
 * tenant through N times its limit, as without a shared store) rather than failing or dropping the limits.
 *
 * <p>Buckets are kept by tenant name and survive config reloads while the tenant's limits stay the same; a
 * changed limit starts a fresh bucket. Tenants come from the config, so the map is bounded by it.
 */
public final class RateLimits implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    private final BucketStore store;
    private final ConcurrentMap<String, TenantBuckets> buckets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, TenantBuckets> local = new ConcurrentHashMap<>();
    private final AtomicBoolean degraded = new AtomicBoolean();

    /** Limits kept in this process. */
    public RateLimits() {
        this(BucketStore.memory());
    }

    /** Limits kept in {@code store}; closing these limits closes it. */
    public RateLimits(BucketStore store) {
        this.store = store;
    }

    /**
     * Takes one request and {@code estimatedTokens} from the tenant's allowances; nothing is taken when any of
     * them refuses.
     *
     * @return the 429 to answer with, or empty when the request may proceed; already complete for buckets in memory
     */
    public CompletableFuture<Optional<Denial>> tryAcquire(Tenant tenant, long estimatedTokens) {
        if (tenant.isAnonymous()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        long tokens = Math.max(0, estimatedTokens);
        return store.call(() -> bucketsOf(buckets, store, tenant).tryAcquire(tokens)).handle((denial, failure) -> {
            if (failure == null) {
                recovered();
                return denial;
            }
            degrade(failure);
            return bucketsOf(local, BucketStore.memory(), tenant).tryAcquire(tokens);
        });
    }

    /** Charges tokens used beyond the up-front estimate (the completion), overdrawing if need be. */
    public void charge(Tenant tenant, long tokens) {
        if (tenant.isAnonymous() || tokens <= 0) {
            return;
        }
        store.call(() -> {
            bucketsOf(buckets, store, tenant).charge(tokens);
            return null;
        }).whenComplete((done, failure) -> {
            if (failure != null) {
                degrade(failure);
                bucketsOf(local, BucketStore.memory(), tenant).charge(tokens);
            }
        });
    }

    @Override
    public void close() {
        store.close();
    }

    private static TenantBuckets bucketsOf(ConcurrentMap<String, TenantBuckets> buckets, BucketStore store,
                                           Tenant tenant) {
        RateLimit rate = tenant.key().rateLimit();
        Budget budget = tenant.key().budget();
        return buckets.compute(tenant.name(), (name, old) ->
                old != null && old.rate().equals(rate) && old.budget().equals(budget)
                        ? old : new TenantBuckets(name, rate, budget, store));
    }

    // one line per outage, not per request: a down database must not flood the log
    private void degrade(Throwable failure) {
        if (degraded.compareAndSet(false, true)) {
            log.warn("Shared rate-limit store unavailable; each replica enforces the limits on its own until it"
                    + " returns: {}", rootMessage(failure));
        }
    }

    private void recovered() {
        if (degraded.compareAndSet(true, false)) {
            log.info("Shared rate-limit store reachable again; limits are shared across replicas");
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
