package dev.switchboard.core.config;

import java.util.List;

/**
 * A routing decision: when its rule matches the request's signals, its models and plugins apply. Among matching
 * decisions the highest priority wins; ties go to the one listed first.
 *
 * @param modelRefs candidates in order; the first is used, later ones are fallbacks
 * @param selection how to reorder the candidates per prompt, or null for the static order
 */
public record DecisionConfig(String name, String description, int priority, RuleNode rules,
                             List<ModelRef> modelRefs, List<PluginConfig> plugins, Selection selection) {

    public DecisionConfig {
        modelRefs = List.copyOf(modelRefs);
        plugins = List.copyOf(plugins);
    }

    public DecisionConfig(String name, String description, int priority, RuleNode rules, List<ModelRef> modelRefs,
                          List<PluginConfig> plugins) {
        this(name, description, priority, rules, modelRefs, plugins, null);
    }

    /**
     * Cost-aware selection: a trained router predicts each candidate's quality for the prompt, and the cheapest
     * candidate good enough goes first; the static order stays as the fallback.
     *
     * @param routerPath       directory written by {@code switchboard train router}
     * @param qualityTarget    cheapest candidate whose predicted quality is at least this share of the best's;
     *                         null when {@code willingnessToPay} is set
     * @param willingnessToPay maximise {@code quality - cost / (w * max cost)} instead; null when unused
     */
    public record Selection(String routerPath, Double qualityTarget, Double willingnessToPay) {}

    /**
     * A candidate model of a decision.
     *
     * @param useReasoning    switch reasoning on (true), off (false) or leave the request alone (null)
     * @param reasoningEffort {@code low|medium|high} for families that take an effort, or null
     */
    public record ModelRef(String model, Boolean useReasoning, String reasoningEffort) {}
}
