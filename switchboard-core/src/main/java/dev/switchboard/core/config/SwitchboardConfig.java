package dev.switchboard.core.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration, immutable once loaded. Built only by {@link ConfigLoader}, which validates every field
 * and reports all errors at once.
 */
public record SwitchboardConfig(
        ServerSettings server,
        RoutingSettings routing,
        UpstreamSettings upstream,
        Map<String, ModelConfig> models,
        SignalsConfig signals,
        List<DecisionConfig> decisions) {

    public SwitchboardConfig {
        models = Map.copyOf(models);
        decisions = List.copyOf(decisions);
    }

    public Optional<ModelConfig> model(String name) {
        return Optional.ofNullable(models.get(name));
    }
}
