package dev.switchboard.core.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Client authentication: the API keys that may call the router, each naming a tenant. No keys means the API is
 * open (the {@code auth} section is absent), which {@code serve} warns about at startup.
 *
 * @param keys           the client keys; names and digests are unique
 * @param rateLimitStore where rate-limit and budget buckets are kept; read once, at start
 */
public record AuthSettings(List<ClientKey> keys, RateLimitStore rateLimitStore) {

    public static final AuthSettings OFF = new AuthSettings(List.of());

    public AuthSettings {
        keys = List.copyOf(keys);
        java.util.Objects.requireNonNull(rateLimitStore, "rateLimitStore");
    }

    /** Keys whose limits each replica keeps in memory. */
    public AuthSettings(List<ClientKey> keys) {
        this(keys, RateLimitStore.MEMORY);
    }

    /** Where the buckets behind {@code rate_limit} and {@code budget} live. */
    public enum RateLimitStore {
        /** in each replica's memory: N replicas let a tenant through N times its limit */
        MEMORY,
        /** in the PostgreSQL database of {@code cache.postgres}, shared by every replica that uses it */
        POSTGRES
    }

    /** True when requests must carry one of the keys. */
    public boolean enabled() {
        return !keys.isEmpty();
    }

    public Optional<ClientKey> key(String name) {
        return keys.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /** Whose credential the router sends upstream for a tenant's requests. */
    public enum UpstreamKey {
        /** the model's own {@code api_key_env} token, as without auth */
        OPERATOR,
        /** the client's own {@code Authorization} header, passed through unchanged */
        CLIENT
    }

    /**
     * One client API key and what its tenant may do.
     *
     * @param name             the tenant name: in metrics, logs and cache partitions (the key never is)
     * @param digest           SHA-256 of the key
     * @param allowedModels    model names (configured models or auto names) the tenant may ask for; empty = all
     * @param allowedDecisions decisions the tenant's routed requests may take; empty = all
     * @param rateLimit        per-minute limits
     * @param budget           token budgets per day and month
     * @param upstreamKey      whose credential goes upstream
     */
    public record ClientKey(String name, KeyDigest digest, Set<String> allowedModels, Set<String> allowedDecisions,
                            RateLimit rateLimit, Budget budget, UpstreamKey upstreamKey) {
        public ClientKey {
            allowedModels = Set.copyOf(allowedModels);
            allowedDecisions = Set.copyOf(allowedDecisions);
        }
    }

    /**
     * Requests and tokens per minute; 0 means no limit.
     *
     * @param requestsPerMinute requests started per minute
     * @param tokensPerMinute   estimated prompt tokens plus reported completion tokens per minute
     */
    public record RateLimit(long requestsPerMinute, long tokensPerMinute) {
        public static final RateLimit NONE = new RateLimit(0, 0);
    }

    /**
     * Token budgets counted like {@code tokens_per_minute}, over a day and a 30-day month; 0 means no budget.
     * Kept where {@link RateLimitStore} says: in memory each replica counts its own and a restart starts afresh.
     */
    public record Budget(long tokensPerDay, long tokensPerMonth) {
        public static final Budget NONE = new Budget(0, 0);
    }
}
