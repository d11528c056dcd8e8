package dev.switchboard.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.CacheSettings;
import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.guard.pii.PiiRecognizer;
import dev.switchboard.core.guard.pii.PiiDetector;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.StructuredPiiDetector;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.core.plugin.jailbreak.JailbreakScan;
import dev.switchboard.core.plugin.jailbreak.JailbreakScorer;
import dev.switchboard.core.plugin.jailbreak.JailbreakVerdict;
import dev.switchboard.core.plugin.pii.PiiFindings;
import dev.switchboard.core.plugin.pii.PiiOutcome;
import dev.switchboard.core.plugin.pii.PiiScreen;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.config.PluginConfig;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.ToolSettings;
import dev.switchboard.core.tools.ToolSelection;
import dev.switchboard.core.tools.ToolSelector;
import dev.switchboard.core.decision.DecisionEngine;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.plugin.SystemPromptPlugin;
import dev.switchboard.core.plugin.cache.CacheKeys;
import dev.switchboard.core.plugin.cache.CacheOutcome;
import dev.switchboard.core.plugin.cache.CacheTicket;
import dev.switchboard.core.plugin.cache.ResponseCache;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.selection.CostAwareSelector;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.signal.ContextLengthSignals;
import dev.switchboard.core.signal.DomainSignals;
import dev.switchboard.core.signal.KeywordSignals;
import dev.switchboard.core.signal.SignalExtractor;
import dev.switchboard.core.signal.SignalSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The one request path: parse → encode once → signals → decision → tools → plugins → {@link RoutePlan}.
 * Immutable; a config reload builds a new pipeline and in-flight requests finish on the old one.
 */
public final class RouterPipeline {

    private final SwitchboardConfig config;
    private final List<SignalExtractor> extractors;
    private final DecisionEngine decisions;
    private final TextEncoder encoder;
    private final ResponseCache cache;
    private final PiiRecognizer piiDetector;
    private final Map<GuardSettings.PiiGuard, PiiScreen> piiScreens;
    private final JailbreakScorer jailbreak;
    private final JailbreakScan jailbreakScan;
    /** Cost-aware selectors by decision name; decisions without one keep their static order. */
    private final Map<String, CostAwareSelector> selectors;
    private final ToolSelector tools;


    /**
     * @param mlExtractors extractors that read the encoding (domain, embedding rules, ...), after the rule-based ones
     * @param encoder      the shared encoder, or null when nothing needs it
     * @param cache        the response cache, or null when no decision caches
     */
    public RouterPipeline(SwitchboardConfig config, List<SignalExtractor> mlExtractors, TextEncoder encoder,
                          ResponseCache cache) {
        this(config, mlExtractors, encoder, cache, null);
    }

    /** @param jailbreak the jailbreak head, or null when the guard is off globally and for every decision */
    public RouterPipeline(SwitchboardConfig config, List<SignalExtractor> mlExtractors, TextEncoder encoder,
                          ResponseCache cache, JailbreakScorer jailbreak) {
        this(config, mlExtractors, encoder, cache, jailbreak, null);
    }

    /**
     * @param jailbreak the jailbreak head, or null when the guard is off globally and for every decision
     * @param entities  the PII entity head (names, places, organisations, addresses), or null when no PII guard
     *                  uses it
     */
    public RouterPipeline(SwitchboardConfig config, List<SignalExtractor> mlExtractors, TextEncoder encoder,
                          ResponseCache cache, JailbreakScorer jailbreak, PiiRecognizer entities) {
        this(config, mlExtractors, encoder, cache, jailbreak, entities, Map.of());
    }

    /** @param selectors cost-aware selectors by decision name, for decisions with a {@code selection} */
    public RouterPipeline(SwitchboardConfig config, List<SignalExtractor> mlExtractors, TextEncoder encoder,
                          ResponseCache cache, JailbreakScorer jailbreak, PiiRecognizer entities,
                          Map<String, CostAwareSelector> selectors) {
        this.config = config;
        this.selectors = Map.copyOf(selectors);
        List<SignalExtractor> all = new ArrayList<>();
        all.add(new KeywordSignals(config.signals().keywords()));
        all.add(new ContextLengthSignals(config.signals().contextLength()));
        all.addAll(mlExtractors);
        this.extractors = List.copyOf(all);
        this.decisions = new DecisionEngine(config.decisions());
        this.encoder = encoder;
        this.cache = cache;
        if (config.findsEntities() && entities == null) {
            throw new IllegalStateException("the PII guard uses the entity head but no entity recognizer was provided");
        }
        this.piiDetector = entities == null ? StructuredPiiDetector.create() : PiiDetector.withEntities(entities);
        this.piiScreens = piiScreens(config, piiDetector);
        if (config.judgesJailbreaks() && jailbreak == null) {
            // never run with a guard the operator believes is on but that checks nothing
            throw new IllegalStateException("the jailbreak guard is configured but no jailbreak detector was provided");
        }
        this.jailbreak = jailbreak;
        this.jailbreakScan = new JailbreakScan(jailbreak, encoder);
        this.tools = ToolSelector.forConfig(config, encoder);
    }

    public RouterPipeline(SwitchboardConfig config, List<SignalExtractor> mlExtractors, TextEncoder encoder) {
        this(config, mlExtractors, encoder, null);
    }

    public RouterPipeline(SwitchboardConfig config) {
        this(config, List.of(), null, null);
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

    /** Plans a request. Throws {@link ApiException} for a model the router does not serve. */
    public RoutePlan plan(ChatRequest request) {
        return plan(request, true);
    }

    /**
     * Plans a request.
     *
     * @param useCache false skips the cache for this request (the client sent {@code x-vsr-cache-control: no-cache})
     */
    public RoutePlan plan(ChatRequest request, boolean useCache) {
        ScanBudget budget = new ScanBudget(config.guards().mlBudget());
        return plan(request, useCache, budget).withMlBudget(budget.report());
    }

    private RoutePlan plan(ChatRequest request, boolean useCache, ScanBudget budget) {
        EncodeOnce encoding = new EncodeOnce(encoder, request.userText());
        GuardSettings guards = config.guards();
        if (!config.routing().isAuto(request.model())) {
            RoutePlan plan = passthrough(request, jailbreakScan.judge(request, encoding, guards.jailbreak(), budget));
            return plan.path() == ResponsePath.BLOCKED ? plan : guarded(plan, guards.pii(), request, encoding, budget);
        }
        SignalSet signals = extractSignals(request, encoding);
        Optional<DecisionConfig> decision = decisions.select(signals);
        // judged once the decision is known: a decision may tighten, relax or switch off either guard
        JailbreakVerdict verdict = jailbreakScan.judge(request, encoding, guards.jailbreakFor(decision.orElse(null)),
                budget);
        GuardSettings.PiiGuard pii = guards.piiFor(decision.orElse(null));
        ObjectNode body = request.body();
        List<RouteTarget> targets = targets(decision, encoding, signals);
        String decisionName = decision.map(DecisionConfig::name).orElse(null);
        if (verdict != null && verdict.blocked()) {
            return new RoutePlan(ResponsePath.BLOCKED, decisionName, targets, body, request.stream(), null, signals,
                    null, null, verdict);
        }
        ToolSelection selected = selectTools(decision.orElse(null), body, request, encoding);
        if (decision.isEmpty()) {
            return guarded(new RoutePlan(ResponsePath.UPSTREAM, null, targets, body, request.stream(), null, signals,
                    null, null, verdict), pii, request, encoding, budget).withTools(selected);
        }
        String fastResponse = applyPlugins(decision.get(), body);
        if (fastResponse != null) {
            return new RoutePlan(ResponsePath.FAST_RESPONSE, decision.get().name(), targets, body, request.stream(),
                    fastResponse, signals, null, null, verdict);
        }
        RoutePlan plan = guarded(new RoutePlan(ResponsePath.UPSTREAM, decision.get().name(), targets, body,
                request.stream(), null, signals, null, null, verdict), pii, request, encoding, budget)
                .withTools(selected);
        if (plan.pii() != null || plan.path() != ResponsePath.UPSTREAM || !useCache) {
            return plan; // answers to requests carrying personal data are neither served from nor kept in the cache
        }
        CacheOutcome cached = lookUp(decision.get(), targets.get(0), body, request, encoding);
        ResponsePath path = cached != null && cached.isHit() ? ResponsePath.CACHE : ResponsePath.UPSTREAM;
        return new RoutePlan(path, plan.decision(), targets, body, request.stream(), null, signals, cached, null,
                verdict, selected, null);
    }

    /** Tool selection under the decision's (or the global) policy; rewrites {@code body}'s tools in place. */
    private ToolSelection selectTools(DecisionConfig decision, ObjectNode body, ChatRequest request,
                                      EncodeOnce encoding) {
        ToolSettings.Policy policy = tools == null ? null : config.tools().policyFor(decision);
        return policy == null ? null : tools.apply(policy, body, request.userText(), encoding);
    }

    /**
     * The jailbreak verdict on a bare text under the global guard (its defaults when only decisions switch the guard
     * on), for the classification API. Blocks on the encoder; null when no decision or global guard judges.
     */
    public JailbreakVerdict judge(String text) {
        if (jailbreak == null || text.isBlank()) {
            return null;
        }
        GuardSettings.JailbreakGuard guard = Objects.requireNonNullElse(config.guards().jailbreak(),
                GuardSettings.JailbreakGuard.DEFAULTS);
        ScanBudget budget = new ScanBudget(config.guards().mlBudget()); // bounded here too
        return new JailbreakVerdict(jailbreak.score(text, new EncodeOnce(encoder, text), budget), 0, guard);
    }

    /**
     * Applies the PII guard: finds personal data in every message, then keeps it from every model whose policy
     * forbids it — by dropping those models (fallback), refusing the request (block), or sending placeholders
     * (redact, applied in {@link RoutePlan#bodyFor}).
     */
    private RoutePlan guarded(RoutePlan plan, GuardSettings.PiiGuard guard, ChatRequest request,
                              Supplier<Encoding> encoding, ScanBudget budget) {
        if (guard == null) {
            return plan;
        }
        PiiFindings findings = budget.during("pii", () -> piiScreens.get(guard).scan(plan.body(),
                request.userIndex(), request.userText(), encoding, budget));
        if (findings.isEmpty()) {
            return plan;
        }
        PiiOutcome pii = new PiiOutcome(findings, guard.action(), guard.restore());
        List<RouteTarget> allowed = guard.action() == GuardSettings.PiiGuard.Action.REDACT ? plan.targets()
                : plan.targets().stream().filter(t -> pii.forbiddenFor(t).isEmpty()).toList();
        boolean blocked = allowed.isEmpty() || guard.action() == GuardSettings.PiiGuard.Action.BLOCK
                && !allowed.get(0).equals(plan.targets().get(0));
        return new RoutePlan(blocked ? ResponsePath.BLOCKED : plan.path(), plan.decision(),
                blocked ? plan.targets() : allowed, plan.body(), plan.stream(), null, plan.signals(), null, pii,
                plan.jailbreak());
    }

    /** One screen per distinct PII guard (global and per decision); those that use the entity head share it. */
    private static Map<GuardSettings.PiiGuard, PiiScreen> piiScreens(SwitchboardConfig config,
                                                                    PiiRecognizer detector) {
        if (!config.screensPii()) {
            return Map.of();
        }
        Map<GuardSettings.PiiGuard, PiiScreen> screens = new HashMap<>();
        Stream.concat(Stream.of(config.guards().pii()), config.decisions().stream().map(config.guards()::piiFor))
                .filter(Objects::nonNull).forEach(guard -> screens.computeIfAbsent(guard,
                        g -> new PiiScreen(g.entities() ? detector : StructuredPiiDetector.create(), g)));
        return Map.copyOf(screens);
    }

    /**
     * Tool selection on a bare text and a tool list under the global policy (its defaults when only decisions select
     * tools), for the classification API. Blocks on the encoder; null when tool selection is off or had nothing to do.
     *
     * @param tools an array of OpenAI tool definitions (validated as a request's {@code tools} is)
     */
    public ToolSelection selectTools(String text, com.fasterxml.jackson.databind.JsonNode tools) {
        if (this.tools == null) {
            return null;
        }
        ObjectNode body = ChatRequest.ofUserText("classify", text).body();
        body.set("tools", tools.deepCopy());
        return this.tools.apply(Objects.requireNonNullElse(config.tools().global(), ToolSettings.Policy.DEFAULTS),
                body, text, new EncodeOnce(encoder, text));
    }

    /**
     * Personal data in a bare text, for the classification API: the structured recognizers, plus the entity head
     * when one is loaded. Blocks on the encoder when the entity head runs.
     */
    public List<PiiSpan> findPii(String text) {
        return piiDetector.find(text, null, new ScanBudget(config.guards().mlBudget()));
    }

    /** Asks the cache when the decision caches; the body is already rewritten, so its context is what counts. */
    private CacheOutcome lookUp(DecisionConfig decision, RouteTarget primary, ObjectNode body, ChatRequest request,
                                Supplier<Encoding> encoding) {
        Optional<CacheSettings.Policy> policy = config.cache().policyFor(decision);
        if (cache == null || policy.isEmpty() || request.userText().isBlank()) {
            return null;
        }
        String scope = CacheKeys.scope(config.cache().partitionBy(), request.tenant(), request.endUser());
        CacheTicket ticket = new CacheTicket(CacheKeys.partition(scope, decision.name(), primary.model().name(), body),
                request.userText(), null, policy.get().ttl())
                .withMinSimilarity(policy.get().similarityThreshold(), request.cacheMinSimilarity());
        return cache.lookup(ticket, policy.get(), encoding);
    }

    private RoutePlan passthrough(ChatRequest request, JailbreakVerdict verdict) {
        ModelConfig model = config.model(request.model())
                .orElseThrow(() -> ApiException.modelNotFound(request.model()));
        ResponsePath path = verdict != null && verdict.blocked() ? ResponsePath.BLOCKED : ResponsePath.UPSTREAM;
        return new RoutePlan(path, null, List.of(new RouteTarget(model, null, null)),
                request.body(), request.stream(), null, new SignalSet(), null, null, verdict);
    }

    private SignalSet extractSignals(ChatRequest request, EncodeOnce encoding) {
        SignalSet signals = new SignalSet();
        for (SignalExtractor extractor : extractors) {
            long start = System.nanoTime();
            long encodeBefore = encoding.nanos;
            extractor.extract(request, encoding, signals);
            // the shared pass is charged to "encoder", not to the signal that happened to ask first
            signals.addLatency(extractor.type(), System.nanoTime() - start - (encoding.nanos - encodeBefore));
        }
        if (encoding.result != null) {
            signals.addLatency("encoder", encoding.nanos);
        }
        return signals;
    }

    /**
     * The decision's candidates in order — reordered for this prompt when the decision selects cost-aware — then
     * the default model; each model once.
     */
    private List<RouteTarget> targets(Optional<DecisionConfig> decision, Supplier<Encoding> encoding,
                                      SignalSet signals) {
        Map<String, RouteTarget> ordered = new LinkedHashMap<>();
        decision.ifPresent(d -> selectedOrder(d, encoding, signals).forEach(ref -> ordered.putIfAbsent(ref.model(),
                new RouteTarget(config.models().get(ref.model()), ref.useReasoning(), ref.reasoningEffort()))));
        String fallback = config.routing().defaultModel();
        ordered.putIfAbsent(fallback, new RouteTarget(config.models().get(fallback), null, null));
        return List.copyOf(ordered.values());
    }

    private List<DecisionConfig.ModelRef> selectedOrder(DecisionConfig decision, Supplier<Encoding> encoding,
                                                        SignalSet signals) {
        CostAwareSelector selector = selectors.get(decision.name());
        if (selector == null) {
            return decision.modelRefs();
        }
        Encoding encoded = encoding.get(); // the shared pass is charged to "encoder", not to selection
        long start = System.nanoTime();
        List<DecisionConfig.ModelRef> refs = decision.modelRefs();
        CostAwareSelector.Choice choice = selector.choose(refs.stream().map(DecisionConfig.ModelRef::model).toList(),
                encoded);
        signals.setSelection(choice.reason());
        signals.addLatency("selection", System.nanoTime() - start);
        return choice.order().stream().map(refs::get).toList();
    }

    /** Applies the decision's plugins to {@code body}; returns a fast-response message if one answers. */
    private static String applyPlugins(DecisionConfig decision, ObjectNode body) {
        String fastResponse = null;
        for (PluginConfig plugin : decision.plugins()) {
            if (plugin instanceof PluginConfig.SystemPrompt prompt) {
                SystemPromptPlugin.apply(body, prompt);
            } else if (plugin instanceof PluginConfig.FastResponse fast) {
                fastResponse = fast.message();
            }
        }
        return fastResponse;
    }

    /** Runs the encoder on first use only, so requests whose signals need no ML pay nothing. */
    private static final class EncodeOnce implements Supplier<Encoding> {
        private final TextEncoder encoder;
        private final String text;
        private Encoding result;
        private long nanos;

        EncodeOnce(TextEncoder encoder, String text) {
            this.encoder = encoder;
            this.text = text;
        }

        @Override
        public Encoding get() {
            if (result == null) {
                if (encoder == null) {
                    throw new IllegalStateException("an ML signal is configured but no encoder was provided");
                }
                long start = System.nanoTime();
                result = encoder.encode(text);
                nanos = System.nanoTime() - start;
            }
            return result;
        }
    }
}
