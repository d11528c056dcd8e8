package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.PluginConfig;
import dev.switchboard.core.config.RuleNode;
import dev.switchboard.core.config.SignalsConfig;
import dev.switchboard.core.config.DecisionConfig.ModelRef;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Reads the {@code decisions} list, checking model references against the defined models. */
final class DecisionsReader {

    static final Set<String> DECISION_KEYS = Set.of("name", "description", "priority", "rules",
            "model_refs", "plugins", "selection");
    static final Set<String> SELECTION_KEYS = Set.of("type", "router", "quality_target", "willingness_to_pay");
    static final Set<String> MODEL_REF_KEYS = Set.of("model", "use_reasoning", "reasoning_effort");

    private enum ReasoningEffort { LOW, MEDIUM, HIGH }

    private final Set<String> modelNames;
    private final RuleReader rules;

    DecisionsReader(Set<String> modelNames, SignalsConfig signals) {
        this.modelNames = modelNames;
        this.rules = new RuleReader(signals);
    }

    List<DecisionConfig> read(ConfigNode root) {
        List<ConfigNode> items = root.items("decisions");
        List<DecisionConfig> decisions = items.stream().map(this::decision).filter(Objects::nonNull).toList();
        UniqueNames.check(items, "decision");
        return decisions;
    }

    private DecisionConfig decision(ConfigNode node) {
        if (!node.expectObject("a decision")) {
            return null;
        }
        node.rejectUnknown(DECISION_KEYS);
        String name = node.string("name");
        String description = node.stringOr("description", "");
        int priority = node.intOr("priority", 0);
        RuleNode rule = rules.read(node.child("rules"));
        List<ModelRef> modelRefs = node.list("model_refs", this::modelRef);
        node.check(node.has("model_refs") && !node.child("model_refs").isEmptyList(), "model_refs",
                "a decision needs at least one model in `model_refs`",
                "e.g. model_refs: [{model: " + anyModelName() + "}]");
        List<PluginConfig> plugins = PluginsReader.read(node);
        return new DecisionConfig(name, description, priority, rule, modelRefs, plugins, selection(node));
    }

    /** {@code selection: {type: cost_aware, router: DIR, quality_target: 0.95 | willingness_to_pay: w}}. */
    private static DecisionConfig.Selection selection(ConfigNode decision) {
        if (!decision.has("selection")) {
            return null;
        }
        ConfigNode node = decision.object("selection");
        node.rejectUnknown(SELECTION_KEYS);
        String type = node.string("type");
        if (type != null && !type.equals("cost_aware") && !type.equals("static")) {
            node.error("type", "unknown selection type `" + type + "`", "use cost_aware (or static: the listed order)");
        }
        if ("static".equals(type)) {
            return null;
        }
        String router = node.string("router");
        boolean found = router != null && RouterDirs.check(node, "router", router);
        Double target = node.optionalDouble("quality_target");
        Double pay = node.optionalDouble("willingness_to_pay");
        node.check(target == null || target > 0 && target <= 1, "quality_target", "`quality_target` " + target
                + " is outside (0, 1]", "a share of the best predicted quality, e.g. 0.95");
        node.check(pay == null || pay > 0, "willingness_to_pay", "`willingness_to_pay` must be > 0",
                "e.g. 2: paying the most expensive candidate's price must buy 0.5 more predicted quality");
        node.check(target == null || pay == null, "willingness_to_pay",
                "set either `quality_target` or `willingness_to_pay`, not both", "remove one of them");
        return found ? new DecisionConfig.Selection(router, pay == null && target == null
                ? Double.valueOf(dev.switchboard.core.selection.SelectionPolicy.DEFAULT_QUALITY_TARGET) : target, pay) : null;
    }

    private String anyModelName() {
        return modelNames.stream().sorted().findFirst().orElse("<model>");
    }

    private ModelRef modelRef(ConfigNode node) {
        if (!node.expectObject("a model reference")) {
            return null;
        }
        node.rejectUnknown(MODEL_REF_KEYS);
        String model = node.string("model");
        if (model != null && !model.isBlank() && !modelNames.contains(model)) {
            node.error("model", "unknown model `" + model + "`", Suggestions.hint(model, modelNames, "models"));
        }
        Boolean useReasoning = node.optionalBool("use_reasoning");
        ReasoningEffort effort = node.enumOr("reasoning_effort", ReasoningEffort.class, null);
        return new ModelRef(model, useReasoning, effort == null ? null : effort.name().toLowerCase(Locale.ROOT));
    }
}
