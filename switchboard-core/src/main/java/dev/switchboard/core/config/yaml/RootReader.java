package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.AdminSettings;
import dev.switchboard.core.config.AuthSettings;
import dev.switchboard.core.config.CacheSettings;
import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.EncoderConfig;
import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.config.RoutingSettings;
import dev.switchboard.core.config.ServerSettings;
import dev.switchboard.core.config.SignalsConfig;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.ToolSettings;
import dev.switchboard.core.config.UpstreamSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the top level of the file, section by section, in the order cross-checks need. */
final class RootReader {

    static final Set<String> TOP_LEVEL_KEYS = Set.of("server", "routing", "upstream", "models", "signals",
            "decisions", "encoder",
            "cache", "guards", "auth", "admin", "tools", "extproc");

    private RootReader() {}

    /** Reads the whole configuration; the result is only meaningful if the context recorded no errors. */
    static SwitchboardConfig read(ConfigNode root) {
        if (root.isAbsent()) {
            root.error("the configuration is empty", "start from config/reference.yaml");
            return null;
        }
        if (!root.expectObject("the configuration")) {
            return null;
        }
        root.rejectUnknown(TOP_LEVEL_KEYS);
        ServerSettings server = SettingsReader.server(root.object("server"));
        UpstreamSettings upstream = SettingsReader.upstream(root.object("upstream"));
        // models and signals come first: routing and decisions refer to them by name
        Map<String, ModelConfig> models = ModelsReader.read(root);
        SignalsConfig signals = SignalsReader.read(root.object("signals"));
        RoutingSettings routing = SettingsReader.routing(root.object("routing"), models.keySet());
        List<DecisionConfig> decisions = new DecisionsReader(models.keySet(), signals).read(root);
        EncoderConfig encoder = SettingsReader.encoder(root.object("encoder"));
        CacheSettings cache = CacheReader.read(root.object("cache"));
        GuardSettings guards = GuardsReader.read(root.object("guards"));
        AuthSettings auth = new AuthReader(requestable(models, routing), decisionNames(decisions),
                cache.postgres() != null).read(root.object("auth"));
        AdminSettings admin = AdminReader.read(root.object("admin"), server);
        ToolSettings tools = ToolsReader.read(root.object("tools"));
        ToolsReader.requireCatalogue(root, tools, decisions);
        return new SwitchboardConfig(server, routing, upstream, models, signals, decisions, encoder, cache, guards,
                auth, admin, tools, ExtProcReader.read(root.object("extproc"), server));
    }

    /** The names a client may put in `model`: every configured model and the auto-routing names. */
    private static Set<String> requestable(Map<String, ModelConfig> models, RoutingSettings routing) {
        Set<String> names = new java.util.HashSet<>(models.keySet());
        names.addAll(routing.autoModelNames());
        return names;
    }

    private static Set<String> decisionNames(List<DecisionConfig> decisions) {
        return decisions.stream().map(DecisionConfig::name).collect(java.util.stream.Collectors.toSet());
    }
}
