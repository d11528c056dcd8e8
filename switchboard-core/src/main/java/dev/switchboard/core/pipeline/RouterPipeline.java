package dev.switchboard.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.config.PluginConfig;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.decision.DecisionEngine;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.plugin.SystemPromptPlugin;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.signal.ContextLengthSignals;
import dev.switchboard.core.signal.DomainSignals;
import dev.switchboard.core.signal.KeywordSignals;
import dev.switchboard.core.signal.SignalExtractor;
import dev.switchboard.core.signal.SignalSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one request path: parse → encode once → signals → decision → plugins → {@link RoutePlan}. Immutable; a config
 * reload builds a new pipeline and in-flight requests finish on the old one.
 */
public final class RouterPipeline {

    private final SwitchboardConfig config;
    private final List<SignalExtractor> extractors;
    private final DecisionEngine decisions;
    private final TextEncoder encoder;

    /**
     * @param mlExtractors extractors that read the encoding (domain, embedding rules, ...), after the rule-based ones
     * @param encoder      the shared encoder, or null when no ML signal is configured
     */
    public RouterPipeline(SwitchboardConfig config, List<SignalExtractor> mlExtractors, TextEncoder encoder) {
        this.config = config;
        List<SignalExtractor> all = new ArrayList<>();
        all.add(new KeywordSignals(config.signals().keywords()));
        all.add(new ContextLengthSignals(config.signals().contextLength()));
        all.addAll(mlExtractors);
        this.extractors = List.copyOf(all);
        this.decisions = new DecisionEngine(config.decisions());
        this.encoder = encoder;
    }

    public RouterPipeline(SwitchboardConfig config) {
        this(config, List.of(), null);
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

    /** True when planning runs the encoder: callers must then plan off the event loop. */
    public boolean usesEncoder() {
        return encoder != null;
    }

    /** Plans a request. Throws {@link ApiException} for a model the router does not serve. */
    public RoutePlan plan(ChatRequest request) {
        if (!config.routing().isAuto(request.model())) {
            return passthrough(request);
        }
        SignalSet signals = extractSignals(request);
        Optional<DecisionConfig> decision = decisions.select(signals);
        ObjectNode body = request.body();
        List<RouteTarget> targets = targets(decision);
        if (decision.isEmpty()) {
            return new RoutePlan(ResponsePath.UPSTREAM, null, targets, body, request.stream(), null, signals);
        }
        String fastResponse = applyPlugins(decision.get(), body);
        ResponsePath path = fastResponse == null ? ResponsePath.UPSTREAM : ResponsePath.FAST_RESPONSE;
        return new RoutePlan(path, decision.get().name(), targets, body, request.stream(), fastResponse, signals);
    }

    private RoutePlan passthrough(ChatRequest request) {
        ModelConfig model = config.model(request.model())
                .orElseThrow(() -> ApiException.modelNotFound(request.model()));
        return new RoutePlan(ResponsePath.UPSTREAM, null, List.of(new RouteTarget(model, null, null)),
                request.body(), request.stream(), null, new SignalSet());
    }

    private SignalSet extractSignals(ChatRequest request) {
        SignalSet signals = new SignalSet();
        EncodeOnce encoding = new EncodeOnce(encoder, request.userText());
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

    /** The decision's candidates in order, then the default model; each model once. */
    private List<RouteTarget> targets(Optional<DecisionConfig> decision) {
        Map<String, RouteTarget> ordered = new LinkedHashMap<>();
        decision.ifPresent(d -> d.modelRefs().forEach(ref -> ordered.putIfAbsent(ref.model(),
                new RouteTarget(config.models().get(ref.model()), ref.useReasoning(), ref.reasoningEffort()))));
        String fallback = config.routing().defaultModel();
        ordered.putIfAbsent(fallback, new RouteTarget(config.models().get(fallback), null, null));
        return List.copyOf(ordered.values());
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
