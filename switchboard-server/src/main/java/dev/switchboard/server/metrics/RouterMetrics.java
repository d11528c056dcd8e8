package dev.switchboard.server.metrics;

import dev.switchboard.core.cache.SemanticCacheStore;
import dev.switchboard.core.config.ModelConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Prometheus metrics under the vLLM Semantic Router's {@code llm_*} names, so existing dashboards keep working
 * (ADR 0006). Micrometer appends {@code _total} to counters and {@code _seconds} to timers. Labels carry model,
 * decision, category and signal names only, never request content. Meters are looked up once per label value and
 * kept: building and registering a meter on every request showed up in the load benchmark's profile.
 */
public final class RouterMetrics {

    private final MeterRegistry registry;
    private final Map<String, Meter> meters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> categoryCounts = new ConcurrentHashMap<>();

    public RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One request answered by {@code model} (counted once per request, for the model that answered). */
    public void modelRequest(String model) {
        counter("llm_model_requests", "Requests answered per model", "model", model).increment();
    }

    public void routingLatency(long nanos) {
        timer("llm_model_routing_latency", "Time to plan a request: parse, signals, decision, plugins", null, null,
                Duration.ofNanos(20_000)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void completionLatency(String model, long nanos) {
        timer("llm_model_completion_latency", "Upstream time from request to last byte", "model", model,
                Duration.ofMillis(1)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void timeToFirstToken(String model, long nanos) {
        timer("llm_model_ttft", "Upstream time from request to first streamed chunk", "model", model,
                Duration.ofMillis(1)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** A request the jailbreak guard caught; {@code action} is {@code block} or {@code flag}. */
    public void jailbreakDetected(String action) {
        counter("llm_jailbreak_detections", "Jailbreak and prompt-injection attempts caught, by action", "action",
                action).increment();
    }

    /** A request refused because it carried a PII type its models may not receive (label: the type, no value). */
    public void piiViolation(String type) {
        counter("llm_pii_violations", "Requests refused by the PII policy, per PII type", "type", type).increment();
    }

    /**
     * A request that met client authentication, by tenant (the key's name, never the key; {@code -} when it
     * carried no valid key) and result: allowed, missing_key, invalid_key, model_not_allowed,
     * decision_not_allowed, rate_limited, budget_exhausted.
     */
    public void authRequest(String tenant, String result) {
        ((Counter) meter("llm_auth_requests", tenant + "|" + result, () -> Counter.builder("llm_auth_requests")
                .description("Client requests by tenant and authentication result")
                .tag("tenant", tenant).tag("result", result).register(registry))).increment();
    }

    /** An authenticated request refused with 403: the tenant may not use the model or decision ({@code reason}). */
    public void authForbidden(String tenant, String reason) {
        ((Counter) meter("llm_auth_forbidden", tenant + "|" + reason, () -> Counter.builder("llm_auth_forbidden")
                .description("Authenticated requests refused by their key's allowed models or decisions")
                .tag("tenant", tenant).tag("reason", reason).register(registry))).increment();
    }

    /** Tokens charged to a tenant's limits: estimated prompt tokens up front, completion tokens after. */
    public void tenantTokens(String tenant, long tokens) {
        counter("llm_tenant_tokens", "Tokens charged to each tenant's rate limit and budget", "tenant", tenant)
                .increment(tokens);
    }

    public void decisionMatched(String decision) {
        counter("llm_decision_match", "Requests routed by each decision", "decision", decision).increment();
    }

    /** The domain classifier named {@code category} for a request (above its threshold). */
    public void categoryClassified(String category) {
        categoryCounts.computeIfAbsent(category, c -> {
            AtomicLong count = new AtomicLong();
            // A gauge, not a Counter: Prometheus counters gain a _total suffix, and dashboards built for the vLLM
            // Semantic Router query this exact name. It only ever grows, so rate() works on it as on a counter.
            Gauge.builder("llm_category_classifications_count", count, AtomicLong::doubleValue)
                    .description("Requests per classified domain (monotonic)").tag("category", c).register(registry);
            return count;
        }).incrementAndGet();
    }

    /** Time spent on one signal type, or on the shared {@code encoder} pass, for one request. */
    public void signalLatency(String signal, long nanos) {
        timer("llm_signal_extraction_latency", "Signal extraction time per signal type", "signal", signal,
                Duration.ofNanos(1_000)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** A cache lookup: hit or miss, and how long it took. */
    public void cacheLookup(boolean hit, long nanos) {
        counter(hit ? "llm_cache_hits" : "llm_cache_misses",
                hit ? "Requests answered from the cache" : "Cache lookups that found nothing", null, null).increment();
        timer("llm_cache_lookup_latency", "Cache lookup time", null, null, Duration.ofNanos(1_000))
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * Tool selection on one request: tools received, tools sent on, and the prompt tokens that saved (estimated at
     * four characters a token of tool-definition JSON; negative when tools were added).
     */
    public void toolsSelected(int toolsIn, int toolsOut, long tokensSaved) {
        counter("llm_tools_selections", "Requests whose tool list the router selected", null, null).increment();
        counter("llm_tools_in", "Tool definitions received in requests with tool selection", null, null)
                .increment(toolsIn);
        counter("llm_tools_out", "Tool definitions sent on to models after selection", null, null)
                .increment(toolsOut);
        counter("llm_tools_prompt_tokens_saved", "Estimated prompt tokens of tool definitions not sent",
                null, null).increment(Math.max(0, tokensSaved));
    }

    /** Publishes the store's size and eviction count (read when Prometheus scrapes). */
    public void watchCache(SemanticCacheStore store) {
        Gauge.builder("llm_cache_entries", store, s -> (double) s.size()).description("Entries in the cache")
                .register(registry);
        FunctionCounter.builder("llm_cache_evictions", store, s -> (double) s.stats().evictions())
                .description("Entries evicted at capacity").register(registry);
    }

    /** Token usage reported by the upstream, and its cost at the model's configured price. */
    public void usage(ModelConfig model, long promptTokens, long completionTokens) {
        counter("llm_model_prompt_tokens", "Prompt tokens per model", "model", model.name()).increment(promptTokens);
        counter("llm_model_completion_tokens", "Completion tokens per model", "model", model.name())
                .increment(completionTokens);
        counter("llm_model_cost", "Cost per model at configured prices", "model", model.name())
                .increment(model.pricing().cost(promptTokens, completionTokens));
    }

    /** A failed request or attempt; {@code reason} is a fixed vocabulary word, never a message. */
    public void requestError(String model, String reason) {
        String key = "llm_request_errors|" + model + "|" + reason;
        ((Counter) meters.computeIfAbsent(key, k -> Counter.builder("llm_request_errors")
                .description("Errors by model and reason").tag("model", model == null ? "none" : model)
                .tag("reason", reason).register(registry))).increment();
    }

    private Counter counter(String name, String description, String tag, String value) {
        return (Counter) meter(name, value, () -> {
            Counter.Builder b = Counter.builder(name).description(description);
            return (tag == null ? b : b.tag(tag, value)).register(registry);
        });
    }

    private Timer timer(String name, String description, String tag, String value, Duration minimum) {
        return (Timer) meter(name, value, () -> {
            Timer.Builder b = Timer.builder(name).description(description).publishPercentileHistogram()
                    .minimumExpectedValue(minimum).maximumExpectedValue(Duration.ofMinutes(5));
            return (tag == null ? b : b.tag(tag, value)).register(registry);
        });
    }

    private Meter meter(String name, String labelValue, Supplier<Meter> create) {
        return meters.computeIfAbsent(name + "|" + labelValue, k -> create.get());
    }
}
