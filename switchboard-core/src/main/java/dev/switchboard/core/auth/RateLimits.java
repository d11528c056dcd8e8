package dev.switchboard.core.auth;

import dev.switchboard.core.config.AuthSettings.Budget;
import dev.switchboard.core.config.AuthSettings.RateLimit;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-tenant rate limits and token budgets, as Bucket4j token buckets kept in this process.
 *
 * <p>How tokens are counted: {@link #tryAcquire} charges a request's <em>estimated</em> prompt tokens up front
 * (the caller's estimate; the HTTP proxy uses the body size / 4), so a burst of huge prompts is refused before
 * any work is done. When the answer reports its usage, {@link #charge} adds the completion tokens, even past the
 * limit: the tenant's next requests then wait until the bucket refills. A stream that reports no usage is charged
 * its prompt estimate only.
 *
 * <p>Buckets are kept by tenant name and survive config reloads while the tenant's limits stay the same; a
 * changed limit starts a fresh bucket. Tenants come from the config, so the map is bounded by it.
 */
public final class RateLimits {

    private final ConcurrentMap<String, TenantBuckets> buckets = new ConcurrentHashMap<>();

    /**
     * Takes one request and {@code estimatedTokens} from the tenant's allowances; nothing is taken when any of
     * them refuses.
     *
     * @return the 429 to answer with, or empty when the request may proceed
     */
    public Optional<Denial> tryAcquire(Tenant tenant, long estimatedTokens) {
        if (tenant.isAnonymous()) {
            return Optional.empty();
        }
        return bucketsOf(tenant).tryAcquire(Math.max(0, estimatedTokens));
    }

    /** Charges tokens used beyond the up-front estimate (the completion), overdrawing if need be. */
    public void charge(Tenant tenant, long tokens) {
        if (!tenant.isAnonymous() && tokens > 0) {
            bucketsOf(tenant).charge(tokens);
        }
    }

    private TenantBuckets bucketsOf(Tenant tenant) {
        RateLimit rate = tenant.key().rateLimit();
        Budget budget = tenant.key().budget();
        return buckets.compute(tenant.name(), (name, old) ->
                old != null && old.rate().equals(rate) && old.budget().equals(budget)
                        ? old : new TenantBuckets(name, rate, budget));
    }
}
