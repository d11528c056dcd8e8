package dev.switchboard.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.core.guard.pii.PiiDetector;
import dev.switchboard.core.guard.pii.PiiRecognizer;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.StructuredPiiDetector;
import dev.switchboard.core.listener.RequestEvents;
import dev.switchboard.core.pipeline.stage.CacheStage;
import dev.switchboard.core.pipeline.stage.DecideStage;
import dev.switchboard.core.pipeline.stage.EncodeStage;
import dev.switchboard.core.pipeline.stage.JailbreakStage;
import dev.switchboard.core.pipeline.stage.PiiStage;
import dev.switchboard.core.pipeline.stage.PlanStage;
import dev.switchboard.core.pipeline.stage.PromptStage;
import dev.switchboard.core.pipeline.stage.RequestContext;
import dev.switchboard.core.pipeline.stage.SignalsStage;
import dev.switchboard.core.pipeline.stage.StageRunner;
import dev.switchboard.core.pipeline.stage.ToolsStage;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plugin.cache.ResponseCache;
import dev.switchboard.core.plugin.jailbreak.JailbreakScorer;
import dev.switchboard.core.plugin.jailbreak.JailbreakVerdict;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.selection.CostAwareSelector;
import dev.switchboard.core.signal.ContextLengthSignals;
import dev.switchboard.core.signal.DomainSignals;
import dev.switchboard.core.signal.KeywordSignals;
import dev.switchboard.core.signal.SignalExtractor;
import dev.switchboard.core.tools.ToolSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one request path, as a list of named stages run in order until one ends the request with a {@link RoutePlan}:
 *
 * <pre>
 *   encode once → signals → decide → jailbreak guard → tools → prompt (system prompt, fast response) → PII guard
 *   → cache → plan
 * </pre>
 *
 * Each stage is a small class in {@code pipeline.stage} with one job; a guard's refusal, a fast response and a cache
 * hit end the request early with their plan. Authentication and rate limits run before the first stage; parsing
 * happens in the adapter that received the request. Immutable; a config reload builds a new pipeline and
 * in-flight requests finish on the old one.
 */
public final class RouterPipeline {

    private final SwitchboardConfig config;
    private final List<SignalExtractor> extractors;
    private final TextEncoder encoder;
    private final ResponseCache cache;
    private final PiiRecognizer piiDetector;
    private final JailbreakStage jailbreak;
    private final ToolsStage tools;
    private final StageRunner stages;

    /**
     * @param mlExtractors extractors that read the encoding (domain, embedding rules, ...), after the rule-based ones
     * @param encoder      the shared encoder, or null when nothing needs it
     * @param cache        the response cache, or null when no decision caches
     * @param jailbreak    the jailbreak head, or null when the guard is off globally and for every decision
     * @param entities     the PII entity head (names, places, organisations, addresses), or null when no PII guard
     *                     uses it
     */
    public RouterPipeline(SwitchboardConfig config, List<SignalExtractor> mlExtractors, TextEncoder encoder,
                          ResponseCache cache, JailbreakScorer jailbreak, PiiRecognizer entities) {
        this(config, mlExtractors, encoder, cache, jailbreak, entities, Map.of());
    }

    /** @param selectors cost-aware selectors by decision name, for decisions with a {@code selection} */
    public RouterPipeline(SwitchboardConfig config, List<SignalExtractor> mlExtractors, TextEncoder encoder,
                          ResponseCache cache, JailbreakScorer jailbreak, PiiRecognizer entities,
                          Map<String, CostAwareSelector> selectors) {
        if (config.findsEntities() && entities == null) {
            throw new IllegalStateException("the PII guard uses the entity head but no entity recognizer was provided");
        }
        if (config.judgesJailbreaks() && jailbreak == null) {
            // never run with a guard the operator believes is on but that checks nothing
            throw new IllegalStateException("the jailbreak guard is configured but no jailbreak detector was provided");
        }
        this.config = config;
        this.extractors = extractors(config, mlExtractors);
        this.encoder = encoder;
        this.cache = cache;
        this.piiDetector = entities == null ? StructuredPiiDetector.create() : PiiDetector.withEntities(entities);
        this.jailbreak = new JailbreakStage(config.guards(), jailbreak, encoder);
        this.tools = new ToolsStage(config, encoder);
        this.stages = new StageRunner(List.of(
                new EncodeStage(encoder, config.guards().mlBudget()),
                new SignalsStage(config.routing(), extractors),
                new DecideStage(config, selectors, encoder == null ? null : encoder.modelId()),
                this.jailbreak,
                this.tools,
                new PromptStage(),
                new PiiStage(config, piiDetector),
                new CacheStage(config.cache(), cache),
                new PlanStage()));
    }

    /** @param jailbreak the jailbreak head, or null when the guard is off globally and for every decision */
    public RouterPipeline(SwitchboardConfig config, List<SignalExtractor> mlExtractors, TextEncoder encoder,
                          ResponseCache cache, JailbreakScorer jailbreak) {
        this(config, mlExtractors, encoder, cache, jailbreak, null);
    }

    public RouterPipeline(SwitchboardConfig config, List<SignalExtractor> mlExtractors, TextEncoder encoder,
                          ResponseCache cache) {
        this(config, mlExtractors, encoder, cache, null);
    }

    public RouterPipeline(SwitchboardConfig config, List<SignalExtractor> mlExtractors, TextEncoder encoder) {
        this(config, mlExtractors, encoder, null);
    }

    public RouterPipeline(SwitchboardConfig config) {
        this(config, List.of(), null, null);
    }

    /** The rule-based extractors first (cheap, no encoder), then the ML ones. */
    private static List<SignalExtractor> extractors(SwitchboardConfig config, List<SignalExtractor> ml) {
        List<SignalExtractor> all = new ArrayList<>();
        all.add(new KeywordSignals(config.signals().keywords()));
        all.add(new ContextLengthSignals(config.signals().contextLength()));
        all.addAll(ml);
        return List.copyOf(all);
    }

    /** Plans a request, telling {@code request}'s listeners how long it took. Throws {@link ApiException} for a
     * model the router does not serve. */
    public RoutePlan plan(RequestContext request) {
        long start = System.nanoTime();
        RoutePlan plan = stages.run(request);
        request.events().planned(plan, System.nanoTime() - start);
        return plan;
    }

    /** Plans a request. Throws {@link ApiException} for a model the router does not serve. */
    public RoutePlan plan(ChatRequest request) {
        return plan(request, true);
    }

    /**
     * Plans a request nobody listens to.
     *
     * @param useCache false skips the cache for this request (the client sent {@code x-vsr-cache-control: no-cache})
     */
    public RoutePlan plan(ChatRequest request, boolean useCache) {
        return plan(RequestContext.of(request, useCache, RequestEvents.none()));
    }

    /** The stages' names in the order they run. */
    public List<String> stages() {
        return stages.names();
    }

    public SwitchboardConfig config() {
        return config;
    }

    /** The shared encoder, if an ML signal is configured. */
    public Optional<TextEncoder> encoder() {
        return Optional.ofNullable(encoder);
    }

    /** The domain classifier's categories, or none when it is off. */
    public List<String> domainLabels() {
        return extractors.stream().filter(DomainSignals.class::isInstance).findFirst()
                .map(e -> ((DomainSignals) e).labels()).orElse(List.of());
    }

    /** The response cache, if a decision caches. */
    public Optional<ResponseCache> cache() {
        return Optional.ofNullable(cache);
    }

    /** True when planning may block (encoder pass, cache store I/O): callers must then plan off the event loop. */
    public boolean blocks() {
        return encoder != null || cache != null;
    }

    /**
     * The jailbreak verdict on a bare text under the global guard (its defaults when only decisions switch the guard
     * on), for the classification API. Blocks on the encoder; null when no decision or global guard judges.
     */
    public JailbreakVerdict judge(String text) {
        return jailbreak.judge(text);
    }

    /**
     * Tool selection on a bare text and a tool list under the global policy (its defaults when only decisions select
     * tools), for the classification API. Blocks on the encoder; null when tool selection is off or had nothing to do.
     *
     * @param definitions an array of OpenAI tool definitions (validated as a request's {@code tools} is)
     */
    public ToolSelection selectTools(String text, JsonNode definitions) {
        return tools.select(text, definitions);
    }

    /**
     * Personal data in a bare text, for the classification API: the structured recognizers, plus the entity head
     * when one is loaded. Blocks on the encoder when the entity head runs.
     */
    public List<PiiSpan> findPii(String text) {
        return piiDetector.find(text, null, new ScanBudget(config.guards().mlBudget()));
    }
}
