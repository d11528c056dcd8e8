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
        List<DecisionConfig> decisions,
        EncoderConfig encoder) {

    public SwitchboardConfig {
        models = Map.copyOf(models);
        decisions = List.copyOf(decisions);
    }

    /** A config without an {@code encoder} section (the encoder's defaults apply). */
    public SwitchboardConfig(ServerSettings server, RoutingSettings routing, UpstreamSettings upstream,
                             Map<String, ModelConfig> models, SignalsConfig signals, List<DecisionConfig> decisions) {
        this(server, routing, upstream, models, signals, decisions, EncoderConfig.DEFAULTS);
    }

    /** The same config listening on another port. */
    public SwitchboardConfig withPort(int port) {
        return new SwitchboardConfig(new ServerSettings(server.host(), port, server.maxBodyBytes()), routing,
                upstream, models, signals, decisions, encoder);
    }

    public Optional<ModelConfig> model(String name) {
        return Optional.ofNullable(models.get(name));
    }
}
