package dev.switchboard.core.auth;

import dev.switchboard.core.config.AuthSettings.Budget;
import dev.switchboard.core.config.AuthSettings.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Duration;
import java.util.Optional;

/**
 * One tenant's buckets: requests per minute, tokens per minute, and a token budget over a day and a 30-day month.
 * Minute limits refill smoothly (greedy), so a tenant at its limit gets a request through every 60/limit seconds
 * rather than a burst at each minute's start; budgets refill all at once when their period ends.
 */
final class TenantBuckets {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final String tenant;
    private final RateLimit rate;
    private final Budget budget;
    private final LocalBucket requests;
    private final LocalBucket tokens;
    private final LocalBucket quota;

    TenantBuckets(String tenant, RateLimit rate, Budget budget) {
        this.tenant = tenant;
        this.rate = rate;
        this.budget = budget;
        this.requests = perMinute(rate.requestsPerMinute());
        this.tokens = perMinute(rate.tokensPerMinute());
        this.quota = budget(budget);
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

    private static LocalBucket perMinute(long limit) {
        return limit <= 0 ? null : new LocalBucketBuilder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, MINUTE).build()).build();
    }

    private static LocalBucket budget(Budget budget) {
        if (budget.tokensPerDay() <= 0 && budget.tokensPerMonth() <= 0) {
            return null;
        }
        LocalBucketBuilder builder = new LocalBucketBuilder();
        if (budget.tokensPerDay() > 0) {
            builder.addLimit(Bandwidth.builder().capacity(budget.tokensPerDay())
                    .refillIntervally(budget.tokensPerDay(), Duration.ofDays(1)).build());
        }
        if (budget.tokensPerMonth() > 0) {
            builder.addLimit(Bandwidth.builder().capacity(budget.tokensPerMonth())
                    .refillIntervally(budget.tokensPerMonth(), Duration.ofDays(30)).build());
        }
        return builder.build();
    }

    /**
     * Consumes {@code amount}, capped at what the bucket can ever hold: one request larger than a whole minute's
     * allowance empties the bucket rather than being refused for ever.
     */
    private static ConsumptionProbe consume(LocalBucket bucket, long amount) {
        if (bucket == null || amount == 0) {
            return ConsumptionProbe.consumed(Long.MAX_VALUE, 0);
        }
        return bucket.tryConsumeAndReturnRemaining(Math.min(amount, capacity(bucket)));
    }

    private static void refund(LocalBucket bucket, long amount) {
        if (bucket != null && amount > 0) {
            bucket.addTokens(Math.min(amount, capacity(bucket)));
        }
    }

    private static void overdraw(LocalBucket bucket, long amount) {
        if (bucket != null) {
            bucket.consumeIgnoringRateLimits(Math.min(amount, capacity(bucket)));
        }
    }

    /** The smallest capacity of the bucket's limits. */
    private static long capacity(LocalBucket bucket) {
        long smallest = Long.MAX_VALUE;
        for (Bandwidth bandwidth : bucket.getConfiguration().getBandwidths()) {
            smallest = Math.min(smallest, bandwidth.getCapacity());
        }
        return smallest;
    }

    /** Whole seconds until the refused amount is available, at least 1 (a Retry-After of 0 invites a spin). */
    private static long seconds(ConsumptionProbe probe) {
        return Math.max(1, (probe.getNanosToWaitForRefill() + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }
}
