package dev.switchboard.core.auth;

import dev.switchboard.core.config.AuthSettings.Budget;
import dev.switchboard.core.config.AuthSettings.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * One tenant's buckets: requests per minute, tokens per minute, and a token budget over a day and a 30-day month.
 * Minute limits refill smoothly (greedy), so a tenant at its limit gets a request through every 60/limit seconds
 * rather than a burst at each minute's start; budgets refill all at once when their period ends.
 *
 * <p>The buckets come from a {@link BucketStore}, keyed by tenant, kind and limit: replicas sharing a store with the
 * same limits count into the same buckets, and a changed limit starts fresh ones. Calls may block on the store.
 */
final class TenantBuckets {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** A bucket and the most it can ever hold (the smallest capacity of its limits). */
    private record Limited(Bucket bucket, long capacity) {}

    private final String tenant;
    private final RateLimit rate;
    private final Budget budget;
    private final Limited requests;
    private final Limited tokens;
    private final Limited quota;

    TenantBuckets(String tenant, RateLimit rate, Budget budget, BucketStore store) {
        this.tenant = tenant;
        this.rate = rate;
        this.budget = budget;
        this.requests = perMinute(store, tenant + ":requests_per_minute:", rate.requestsPerMinute());
        this.tokens = perMinute(store, tenant + ":tokens_per_minute:", rate.tokensPerMinute());
        this.quota = budget(store, tenant, budget);
    }

    RateLimit rate() {
        return rate;
    }

    Budget budget() {
        return budget;
    }

    Optional<Denial> tryAcquire(long estimatedTokens) {
        ConsumptionProbe request = consume(requests, 1);
        if (!request.isConsumed()) {
            return Optional.of(Denial.rateLimited(tenant, "requests", rate.requestsPerMinute(), seconds(request)));
        }
        ConsumptionProbe minute = consume(tokens, estimatedTokens);
        if (!minute.isConsumed()) {
            refund(requests, 1);
            return Optional.of(Denial.rateLimited(tenant, "tokens", rate.tokensPerMinute(), seconds(minute)));
        }
        ConsumptionProbe quotaProbe = consume(quota, estimatedTokens);
        if (!quotaProbe.isConsumed()) {
            refund(requests, 1);
            refund(tokens, estimatedTokens);
            return Optional.of(Denial.budgetExhausted(tenant, seconds(quotaProbe)));
        }
        return Optional.empty();
    }

    void charge(long used) {
        overdraw(tokens, used);
        overdraw(quota, used);
    }

    private static Limited perMinute(BucketStore store, String key, long limit) {
        return limit <= 0 ? null : limited(store, key + limit, BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, MINUTE).build()));
    }

    private static Limited budget(BucketStore store, String tenant, Budget budget) {
        if (budget.tokensPerDay() <= 0 && budget.tokensPerMonth() <= 0) {
            return null;
        }
        ConfigurationBuilder builder = BucketConfiguration.builder();
        if (budget.tokensPerDay() > 0) {
            builder.addLimit(Bandwidth.builder().capacity(budget.tokensPerDay())
                    .refillIntervally(budget.tokensPerDay(), Duration.ofDays(1)).build());
        }
        if (budget.tokensPerMonth() > 0) {
            builder.addLimit(Bandwidth.builder().capacity(budget.tokensPerMonth())
                    .refillIntervally(budget.tokensPerMonth(), Duration.ofDays(30)).build());
        }
        return limited(store, tenant + ":budget:" + budget.tokensPerDay() + ":" + budget.tokensPerMonth(), builder);
    }

    private static Limited limited(BucketStore store, String key, ConfigurationBuilder builder) {
        BucketConfiguration configuration = builder.build();
        long capacity = Long.MAX_VALUE;
        for (Bandwidth bandwidth : configuration.getBandwidths()) {
            capacity = Math.min(capacity, bandwidth.getCapacity());
        }
        return new Limited(store.bucket(key, configuration), capacity);
    }

    /**
     * Consumes {@code amount}, capped at what the bucket can ever hold: one request larger than a whole minute's
     * allowance empties the bucket rather than being refused for ever.
     */
    private static ConsumptionProbe consume(Limited limited, long amount) {
        if (limited == null || amount == 0) {
            return ConsumptionProbe.consumed(Long.MAX_VALUE, 0);
        }
        return limited.bucket().tryConsumeAndReturnRemaining(Math.min(amount, limited.capacity()));
    }

    private static void refund(Limited limited, long amount) {
        if (limited != null && amount > 0) {
            limited.bucket().addTokens(Math.min(amount, limited.capacity()));
        }
    }

    private static void overdraw(Limited limited, long amount) {
        if (limited != null) {
            limited.bucket().consumeIgnoringRateLimits(Math.min(amount, limited.capacity()));
        }
    }

    /** Whole seconds until the refused amount is available, at least 1 (a Retry-After of 0 invites a spin). */
    private static long seconds(ConsumptionProbe probe) {
        return Math.max(1, (probe.getNanosToWaitForRefill() + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }
}
