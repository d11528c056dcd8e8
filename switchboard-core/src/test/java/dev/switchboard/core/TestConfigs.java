package dev.switchboard.core;

import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.config.PluginConfig;
import dev.switchboard.core.config.ReasoningFamily;
import dev.switchboard.core.config.RoutingSettings;
import dev.switchboard.core.config.RuleNode;
import dev.switchboard.core.config.ServerSettings;
import dev.switchboard.core.config.SignalsConfig;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.UpstreamSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small builders for config records in unit tests that do not go through YAML. */
public final class TestConfigs {

    private TestConfigs() {}

    public static ModelConfig echo(String name, ReasoningFamily family) {
        return new ModelConfig(name, ModelConfig.BackendType.ECHO, "provider/" + name, family, List.of(), null,
                ModelConfig.Pricing.FREE);
    }

    public static RuleNode keyword(String name) {
        return new RuleNode.Condition("keyword", name, null);
    }

    public static DecisionConfig decision(String name, int priority, RuleNode rules, List<String> models,
                                          PluginConfig... plugins) {
        return new DecisionConfig(name, "", priority, rules,
                models.stream().map(m -> new DecisionConfig.ModelRef(m, null, null)).toList(), List.of(plugins));
    }

    public static SwitchboardConfig config(List<ModelConfig> models, SignalsConfig signals,
                                           List<DecisionConfig> decisions) {
        Map<String, ModelConfig> byName = models.stream().collect(Collectors.toMap(ModelConfig::name, m -> m));
        return new SwitchboardConfig(ServerSettings.DEFAULTS,
                new RoutingSettings(List.of("auto", "MoM"), models.get(0).name()), UpstreamSettings.DEFAULTS,
                byName, signals, decisions);
    }

    public static SignalsConfig keywords(SignalsConfig.KeywordRule... rules) {
        return new SignalsConfig(List.of(rules), List.of());
    }

    public static SignalsConfig.KeywordRule anyOf(String name, String... words) {
        return new SignalsConfig.KeywordRule(name, List.of(words), SignalsConfig.KeywordRule.Operator.ANY, false);
    }
}
