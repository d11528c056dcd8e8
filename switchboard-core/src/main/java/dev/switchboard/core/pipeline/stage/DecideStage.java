package dev.switchboard.core.pipeline.stage;

import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.decision.DecisionEngine;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.selection.CostAwareSelector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decide: picks the decision whose rules the signals satisfy (highest priority wins) and lists the models to try:
 * the decision's candidates in order — reordered for this prompt when the decision selects cost-aware — then the
 * default model. A request that names a model goes to that model alone; a name the router does not serve is a 404.
 */
public final class DecideStage implements Stage {

    private final SwitchboardConfig config;
    private final DecisionEngine decisions;
    /** Cost-aware selectors by decision name; decisions without one keep their static order. */
    private final Map<String, CostAwareSelector> selectors;
    /** The shared encoder's id when decision records are on and an encoder runs; null: nothing recorded. */
    private final String recordingEncoder;

    /**
     * @param selectors cost-aware selectors by decision name, for decisions with a {@code selection}
     * @param encoderId the shared encoder's id, or null when there is none
     */
    public DecideStage(SwitchboardConfig config, Map<String, CostAwareSelector> selectors, String encoderId) {
        this.config = config;
        this.decisions = new DecisionEngine(config.decisions());
        this.selectors = Map.copyOf(selectors);
        this.recordingEncoder = config.routing().decisionRecords().enabled() ? encoderId : null;
    }

    public DecideStage(SwitchboardConfig config, Map<String, CostAwareSelector> selectors) {
        this(config, selectors, null);
    }

    public DecideStage(SwitchboardConfig config) {
        this(config, Map.of());
    }

    @Override
    public Optional<RoutePlan> apply(RequestContext request) {
        String model = request.request().model();
        if (!config.routing().isAuto(model)) {
            ModelConfig named = config.model(model).orElseThrow(() -> ApiException.modelNotFound(model));
            request.decide(null, List.of(new RouteTarget(named, null, null)));
            return CONTINUE;
        }
        Optional<DecisionConfig> decision = decisions.select(request.signals());
        request.decide(decision.orElse(null), targets(decision, request));
        if (recordingEncoder != null) {
            Encoding encoded = request.encoding().get(); // the shared pass; records need it even if no signal did
            request.plan().recordable(new RoutePlan.Recordable(recordingEncoder, encoded.embedding(),
                    request.request().userText()));
        }
        return CONTINUE;
    }

    /** The decision's candidates in their (possibly per-prompt) order, then the default model; each model once. */
    private List<RouteTarget> targets(Optional<DecisionConfig> decision, RequestContext request) {
        Map<String, RouteTarget> ordered = new LinkedHashMap<>();
        decision.ifPresent(d -> selectedOrder(d, request).forEach(ref -> ordered.putIfAbsent(ref.model(),
                new RouteTarget(config.models().get(ref.model()), ref.useReasoning(), ref.reasoningEffort()))));
        String fallback = config.routing().defaultModel();
        ordered.putIfAbsent(fallback, new RouteTarget(config.models().get(fallback), null, null));
        return List.copyOf(ordered.values());
    }

    /** The decision's models, reordered by its cost-aware selector when it has one (the reason goes to the signals). */
    private List<DecisionConfig.ModelRef> selectedOrder(DecisionConfig decision, RequestContext request) {
        CostAwareSelector selector = selectors.get(decision.name());
        if (selector == null) {
            return decision.modelRefs();
        }
        Encoding encoded = request.encoding().get(); // the shared pass is charged to "encoder", not to selection
        long start = System.nanoTime();
        List<DecisionConfig.ModelRef> refs = decision.modelRefs();
        CostAwareSelector.Choice choice = selector.choose(refs.stream().map(DecisionConfig.ModelRef::model).toList(),
                encoded);
        request.signals().setSelection(choice.reason());
        request.signals().addLatency("selection", System.nanoTime() - start);
        return choice.order().stream().map(refs::get).toList();
    }
}
