package dev.switchboard.core.config;

import java.util.List;

/** A boolean rule tree over signals: leaves name a signal, inner nodes combine them. */
public sealed interface RuleNode {

    /** Always true: a decision without rules matches every routed request. */
    record Always() implements RuleNode {}

    /**
     * A signal of {@code type} (keyword, context_length, domain, embedding, ...) named {@code name}.
     *
     * @param threshold minimum confidence for ML signals, or null to use the signal's own threshold
     */
    record Condition(String type, String name, Double threshold) implements RuleNode {}

    record And(List<RuleNode> children) implements RuleNode {
        public And {
            children = List.copyOf(children);
        }
    }

    record Or(List<RuleNode> children) implements RuleNode {
        public Or {
            children = List.copyOf(children);
        }
    }

    record Not(RuleNode child) implements RuleNode {}
}
