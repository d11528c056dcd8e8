package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.RuleNode;
import dev.switchboard.core.config.SignalsConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a decision's {@code rules} tree. A node is either a condition {@code {type, name, threshold}} naming a
 * signal, or a combination {@code {operator: AND|OR|NOT, conditions: [...]}}.
 */
final class RuleReader {

    static final Set<String> CONDITION_KEYS = Set.of("type", "name", "threshold");
    static final Set<String> COMBINATION_KEYS = Set.of("operator", "conditions");
    private static final String SHAPE_HINT = "write {type: keyword, name: <rule>} or "
            + "{operator: AND, conditions: [...]}";

    private enum Operator { AND, OR, NOT }

    /**
     * Names each signal type can fire, by type. A type missing here is unknown; a null set means the names cannot
     * be known before the model loads (a custom domain head), so they are not checked.
     */
    private final Map<String, Set<String>> definedRules = new HashMap<>();
    private final boolean domainConfigured;
    private final boolean complexityConfigured;

    RuleReader(SignalsConfig signals) {
        definedRules.put(SignalsReader.KEYWORD,
                names(signals.keywords().stream().map(SignalsConfig.KeywordRule::name)));
        definedRules.put(SignalsReader.CONTEXT_LENGTH,
                names(signals.contextLength().stream().map(SignalsConfig.ContextLengthRule::name)));
        definedRules.put(SignalsReader.EMBEDDING,
                names(signals.embeddings().stream().map(SignalsConfig.EmbeddingRule::name)));
        domainConfigured = signals.domain() != null;
        boolean bundledHead = !domainConfigured || signals.domain().headPath() == null;
        definedRules.put(SignalsReader.DOMAIN,
                bundledHead ? Set.copyOf(SignalsConfig.DomainSignal.BUNDLED_CATEGORIES) : null);
        definedRules.put(SignalsReader.COMPLEXITY, Set.copyOf(SignalsConfig.ComplexitySignal.LEVELS));
        complexityConfigured = signals.complexity() != null;
    }

    /** Reads the tree at {@code node}; an absent tree always matches. */
    RuleNode read(ConfigNode node) {
        if (node.isAbsent()) {
            return new RuleNode.Always();
        }
        if (!node.expectObject("a rule")) {
            return new RuleNode.Always();
        }
        boolean combination = node.has("operator");
        boolean condition = node.has("type");
        if (combination && condition) {
            node.error("a rule is either a condition (type, name) or a combination (operator, conditions), "
                    + "not both", "move the condition into `conditions:`");
            return new RuleNode.Always();
        }
        if (combination) {
            return combination(node);
        }
        if (condition) {
            return condition(node);
        }
        node.error("a rule needs either `type` or `operator`", SHAPE_HINT);
        return new RuleNode.Always();
    }

    private RuleNode combination(ConfigNode node) {
        node.rejectUnknown(COMBINATION_KEYS);
        Operator operator = node.enumOr("operator", Operator.class, Operator.AND);
        List<RuleNode> children = node.list("conditions", this::read);
        if (!node.has("conditions") || node.child("conditions").isEmptyList()) {
            node.error("conditions", operator + " needs at least one condition", SHAPE_HINT);
            return new RuleNode.Always();
        }
        return switch (operator) {
            case AND -> new RuleNode.And(children);
            case OR -> new RuleNode.Or(children);
            case NOT -> not(node, children);
        };
    }

    private static RuleNode not(ConfigNode node, List<RuleNode> children) {
        if (children.size() != 1) {
            node.error("conditions", "NOT takes exactly one condition, got " + children.size(),
                    "to negate several, put them under one {operator: OR, conditions: [...]} inside the NOT");
            return new RuleNode.Always();
        }
        return new RuleNode.Not(children.get(0));
    }

    private RuleNode condition(ConfigNode node) {
        node.rejectUnknown(CONDITION_KEYS);
        String rawType = node.string("type");
        String type = rawType == null ? null : rawType.trim().toLowerCase(Locale.ROOT);
        String name = node.string("name");
        Double threshold = node.optionalDouble("threshold");
        if (threshold != null) {
            node.check(threshold >= 0 && threshold <= 1, "threshold",
                    "`threshold` " + threshold + " is outside 0..1", "it is a minimum confidence, e.g. 0.7");
        }
        checkDefined(node, type, name);
        return new RuleNode.Condition(type, name, threshold);
    }

    private void checkDefined(ConfigNode node, String type, String name) {
        if (type == null || type.isBlank()) {
            return;
        }
        if (!definedRules.containsKey(type)) {
            node.error("type", "unknown signal type `" + type + "`",
                    Suggestions.hint(type, definedRules.keySet(), "signal types"));
            return;
        }
        if (type.equals(SignalsReader.DOMAIN) && !domainConfigured) {
            node.error("type", "a domain condition needs the domain classifier",
                    "add `signals: {domain: {}}` to switch it on");
        }
        if (type.equals(SignalsReader.COMPLEXITY) && !complexityConfigured) {
            node.error("type", "a complexity condition needs the complexity signal",
                    "add `signals: {complexity: {router: DIR}}` (a router from `switchboard train router`)");
        }
        Set<String> defined = definedRules.get(type);
        if (defined != null && name != null && !name.isBlank() && !defined.contains(name)) {
            node.error("name", "no " + type + " rule is named `" + name + "`",
                    Suggestions.hint(name, defined, type + " rules (signals." + pluralKey(type) + ")"));
        }
    }

    private static String pluralKey(String type) {
        return switch (type) {
            case SignalsReader.KEYWORD -> "keywords";
            case SignalsReader.EMBEDDING -> "embeddings";
            default -> type;
        };
    }

    private static Set<String> names(java.util.stream.Stream<String> names) {
        return names.filter(name -> name != null).collect(Collectors.toUnmodifiableSet());
    }
}
