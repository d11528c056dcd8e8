package dev.switchboard.core.pipeline.stage;

import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.decision.DecisionEngine;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.request.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decide: picks the decision whose rules the signals satisfy (highest priority wins) and lists the models to try:
 * the decision's candidates in order, then the default model. A request that names a model goes to that model
 * alone; a name the router does not serve is a 404.
 */
public final class DecideStage implements Stage {

    private final SwitchboardConfig config;
    private final DecisionEngine decisions;

    public DecideStage(SwitchboardConfig config) {
        this.config = config;
        this.decisions = new DecisionEngine(config.decisions());
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
        request.decide(decision.orElse(null), targets(decision));
        return CONTINUE;
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
}
