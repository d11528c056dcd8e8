package dev.switchboard.core.config;

import java.time.Duration;

/**
 * The semantic cache: where answers are kept and the defaults every decision's {@code cache} plugin inherits.
 *
 * @param enabled             cache decisions that have no {@code cache} plugin of their own
 * @param backend             {@code memory} (this process) or {@code postgres} (shared by replicas)
 * @param mode                how a request is matched against stored ones
 * @param similarityThreshold minimum cosine similarity of a semantic candidate; with the verifier on, the verifier
 *                            then decides whether the candidate answers the request
 * @param ttl                 how long an answer stays servable
 * @param maxEntries          memory backend capacity; the least recently used entry goes first
 * @param postgres            connection of the postgres backend, or null
 * @param partitionBy         whose answers may be shared: only within one tenant, one OpenAI {@code user}, or all
 * @param verifier            semantic candidates are confirmed by the trained hit verifier
 * @param storeToolCalls      answers ending in {@code finish_reason: tool_calls} are stored too
 */
public record CacheSettings(boolean enabled, Backend backend, Mode mode, double similarityThreshold, Duration ttl,
                            int maxEntries, Postgres postgres, PartitionBy partitionBy, boolean verifier,
                            boolean storeToolCalls) {

    public static final CacheSettings DEFAULTS = new CacheSettings(false, Backend.MEMORY, Mode.EXACT_THEN_SEMANTIC,
            0.80, Duration.ofHours(1), 10_000, null, PartitionBy.TENANT, true, false);

    /**
     * What keeps one caller's answers from another's. {@code TENANT}: the authenticated tenant (requests without
     * one share the anonymous partition); {@code USER}: the tenant and the OpenAI {@code user} field; {@code NONE}:
     * every caller of a decision shares answers.
     */
    public enum PartitionBy { TENANT, USER, NONE }

    public enum Backend { MEMORY, POSTGRES }

    /** How one decision caches: the global settings overridden by its {@code cache} plugin. */
    public record Policy(Mode mode, double similarityThreshold, Duration ttl) {
        public boolean semantic() {
            return mode != Mode.EXACT;
        }
    }

    /** The decision's effective policy, or empty when its answers are not cached. */
    public java.util.Optional<Policy> policyFor(DecisionConfig decision) {
        PluginConfig.Cache plugin = decision.plugins().stream().filter(PluginConfig.Cache.class::isInstance)
                .map(PluginConfig.Cache.class::cast).findFirst().orElse(null);
        boolean on = plugin == null ? enabled : plugin.enabled() == null || plugin.enabled();
        if (!on) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Policy(
                plugin != null && plugin.mode() != null ? plugin.mode() : mode,
                plugin != null && plugin.similarityThreshold() != null ? plugin.similarityThreshold()
                        : similarityThreshold,
                plugin != null && plugin.ttl() != null ? plugin.ttl() : ttl));
    }

    /** Exact: same user text only. Semantic: similar meaning. Exact-then-semantic: exact first, then similar. */
    public enum Mode { EXACT, SEMANTIC, EXACT_THEN_SEMANTIC }

    /**
     * @param url         JDBC URL, e.g. {@code jdbc:postgresql://db:5432/switchboard}
     * @param passwordEnv name of the environment variable holding the password, or null
     * @param table       table to keep entries in (created if absent)
     * @param poolSize    most connections the HikariCP pool opens
     */
    public record Postgres(String url, String user, String passwordEnv, String table, int poolSize) {}
}
