package dev.switchboard.server.metrics;

import dev.switchboard.core.config.ModelConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus metrics under the vLLM Semantic Router's {@code llm_*} names, so existing dashboards keep working.
 * Micrometer appends {@code _total} to counters and {@code _seconds} to timers. Labels carry model and decision
 * names only, never request content.
 */
public final class RouterMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> categoryCounts = new ConcurrentHashMap<>();

    public RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One request sent to {@code model} (counted once per request, for the model that answered). */
    public void modelRequest(String model) {
        Counter.builder("llm_model_requests").description("Requests answered per model")
                .tag("model", model).register(registry).increment();
    }

    public void routingLatency(long nanos) {
        timer("llm_model_routing_latency", "Time to plan a request: parse, signals, decision, plugins", null)
                .record(Duration.ofNanos(nanos));
    }

    public void completionLatency(String model, long nanos) {
        timer("llm_model_completion_latency", "Upstream time from request to last byte", model)
                .record(Duration.ofNanos(nanos));
    }

    public void timeToFirstToken(String model, long nanos) {
        timer("llm_model_ttft", "Upstream time from request to first streamed chunk", model)
                .record(Duration.ofNanos(nanos));
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
        Timer.builder("llm_signal_extraction_latency").description("Signal extraction time per signal type")
                .tag("signal", signal).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** A cache lookup: hit or miss, and how long it took. */
    public void cacheLookup(boolean hit, long nanos) {
        Counter.builder(hit ? "llm_cache_hits" : "llm_cache_misses")
                .description(hit ? "Requests answered from the cache" : "Cache lookups that found nothing")
                .register(registry).increment();
        Timer.builder("llm_cache_lookup_latency").description("Cache lookup time").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    /** Publishes the store's size and eviction count (read when Prometheus scrapes). */
    public void watchCache(dev.switchboard.core.cache.SemanticCacheStore store) {
        Gauge.builder("llm_cache_entries", store, s -> (double) s.size()).description("Entries in the cache")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("llm_cache_evictions", store,
                s -> (double) s.stats().evictions()).description("Entries evicted at capacity").register(registry);
    }

    public void decisionMatched(String decision) {
        Counter.builder("llm_decision_match").description("Requests routed by each decision")
                .tag("decision", decision).register(registry).increment();
    }

    /** Token usage reported by the upstream, and its cost at the model's configured price. */
    public void usage(ModelConfig model, long promptTokens, long completionTokens) {
        counter("llm_model_prompt_tokens", "Prompt tokens per model", model.name()).increment(promptTokens);
        counter("llm_model_completion_tokens", "Completion tokens per model", model.name())
                .increment(completionTokens);
        counter("llm_model_cost", "Cost per model at configured prices", model.name())
                .increment(model.pricing().cost(promptTokens, completionTokens));
    }

    /** A failed request or attempt; {@code reason} is a fixed vocabulary word, never a message. */
    public void requestError(String model, String reason) {
        Counter.builder("llm_request_errors").description("Errors by model and reason")
                .tag("model", model == null ? "none" : model).tag("reason", reason)
                .register(registry).increment();
    }

    private Counter counter(String name, String description, String model) {
        return Counter.builder(name).description(description).tag("model", model).register(registry);
    }

    private Timer timer(String name, String description, String model) {
        Timer.Builder builder = Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000)).maximumExpectedValue(Duration.ofMinutes(5));
        if (model != null) {
            builder.tag("model", model);
        }
        return builder.register(registry);
    }
}
