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
        EncoderConfig encoder,
        CacheSettings cache,
        GuardSettings guards,
        AuthSettings auth,
        AdminSettings admin,
        ToolSettings tools,
        ExtProcSettings extProc) {

    public SwitchboardConfig {
        models = Map.copyOf(models);
        decisions = List.copyOf(decisions);
    }

    /** A config without the Envoy ext_proc listener. */
    public SwitchboardConfig(ServerSettings server, RoutingSettings routing, UpstreamSettings upstream,
                             Map<String, ModelConfig> models, SignalsConfig signals, List<DecisionConfig> decisions,
                             EncoderConfig encoder, CacheSettings cache, GuardSettings guards, AuthSettings auth,
                             AdminSettings admin, ToolSettings tools) {
        this(server, routing, upstream, models, signals, decisions, encoder, cache, guards, auth, admin, tools,
                ExtProcSettings.DEFAULTS);
    }

    /** A config without tool selection. */
    public SwitchboardConfig(ServerSettings server, RoutingSettings routing, UpstreamSettings upstream,
                             Map<String, ModelConfig> models, SignalsConfig signals, List<DecisionConfig> decisions,
                             EncoderConfig encoder, CacheSettings cache, GuardSettings guards, AuthSettings auth,
                             AdminSettings admin) {
        this(server, routing, upstream, models, signals, decisions, encoder, cache, guards, auth, admin,
                ToolSettings.NONE);
    }

    /** A config without client authentication, with the default admin listener and without tool selection. */
    public SwitchboardConfig(ServerSettings server, RoutingSettings routing, UpstreamSettings upstream,
                             Map<String, ModelConfig> models, SignalsConfig signals, List<DecisionConfig> decisions,
                             EncoderConfig encoder, CacheSettings cache, GuardSettings guards) {
        this(server, routing, upstream, models, signals, decisions, encoder, cache, guards, AuthSettings.OFF,
                AdminSettings.DEFAULTS);
    }

    /** A config with default {@code encoder} and {@code cache} sections. */
    public SwitchboardConfig(ServerSettings server, RoutingSettings routing, UpstreamSettings upstream,
                             Map<String, ModelConfig> models, SignalsConfig signals, List<DecisionConfig> decisions) {
        this(server, routing, upstream, models, signals, decisions, EncoderConfig.DEFAULTS, CacheSettings.DEFAULTS,
                GuardSettings.NONE);
    }

    /** The same config listening on another port. */
    public SwitchboardConfig withPort(int port) {
        return withServer(server.withPort(port));
    }

    /** The same config with other listener settings (a command-line override, a test's replica). */
    public SwitchboardConfig withServer(ServerSettings newServer) {
        return new SwitchboardConfig(newServer, routing,
                upstream, models, signals, decisions, encoder, cache, guards, auth, admin, tools, extProc);
    }

    /** True when some signal, the cache (every entry carries an embedding) or the jailbreak guard needs the encoder. */
    public boolean needsEncoder() {
        return signals.needsEncoder() || cachesAnything() || judgesJailbreaks() || findsEntities()
                || selectsTools() || decisions.stream().anyMatch(d -> d.selection() != null)
                || routing.decisionRecords().enabled();
    }

    /** True when the jailbreak guard is on globally or for at least one decision: the head must be loaded. */
    public boolean judgesJailbreaks() {
        return guards.jailbreak() != null || decisions.stream().anyMatch(d -> guards.jailbreakFor(d) != null);
    }

    /** True when a PII guard that is on (globally or for a decision) uses the entity head: it must be loaded. */
    public boolean findsEntities() {
        return guards.pii() != null && guards.pii().entities()
                || decisions.stream().map(guards::piiFor).anyMatch(g -> g != null && g.entities());
    }

    /** True when the PII guard is on globally or for at least one decision. */
    public boolean screensPii() {
        return guards.pii() != null || decisions.stream().anyMatch(d -> guards.piiFor(d) != null);
    }

    /** True when tool selection is on globally or for at least one decision: tool texts need the encoder. */
    public boolean selectsTools() {
        return tools.anyOn(decisions);
    }

    /** True when at least one decision caches its answers. */
    public boolean cachesAnything() {
        return decisions.stream().anyMatch(d -> cache.policyFor(d).isPresent());
    }

    public Optional<ModelConfig> model(String name) {
        return Optional.ofNullable(models.get(name));
    }
}
