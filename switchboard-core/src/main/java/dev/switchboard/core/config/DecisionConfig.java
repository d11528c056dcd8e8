package dev.switchboard.core.config;

import java.util.List;

/**
 * A routing decision: when its rule matches the request's signals, its models and plugins apply. Among matching
 * decisions the highest priority wins; ties go to the one listed first.
 *
 * @param modelRefs candidates in order; the first is used, later ones are fallbacks
 */
public record DecisionConfig(String name, String description, int priority, RuleNode rules,
                             List<ModelRef> modelRefs, List<PluginConfig> plugins) {

    public DecisionConfig {
        modelRefs = List.copyOf(modelRefs);
        plugins = List.copyOf(plugins);
    }

    /**
     * A candidate model of a decision.
     *
     * @param useReasoning    switch reasoning on (true), off (false) or leave the request alone (null)
     * @param reasoningEffort {@code low|medium|high} for families that take an effort, or null
     */
    public record ModelRef(String model, Boolean useReasoning, String reasoningEffort) {}
}
