package dev.switchboard.core.decision;

import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.RuleNode;
import dev.switchboard.core.signal.SignalSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the decision for a request: the highest-priority decision whose rule tree holds over the signals; ties go
 * to the decision listed first. No ML here, only boolean logic.
 */
public final class DecisionEngine {

    private final List<DecisionConfig> byPriority;

    public DecisionEngine(List<DecisionConfig> decisions) {
        // A stable sort keeps config order among equal priorities.
        this.byPriority = decisions.stream()
                .sorted(Comparator.comparingInt(DecisionConfig::priority).reversed())
                .toList();
    }

    public Optional<DecisionConfig> select(SignalSet signals) {
        return byPriority.stream().filter(d -> holds(d.rules(), signals)).findFirst();
    }

    /** Evaluates a rule tree; a leaf holds when its signal fired with at least the leaf's threshold. */
    public static boolean holds(RuleNode node, SignalSet signals) {
        if (node instanceof RuleNode.Always) {
            return true;
        }
        if (node instanceof RuleNode.Condition c) {
            return signals.find(c.type(), c.name())
                    .filter(s -> c.threshold() == null || s.confidence() >= c.threshold())
                    .isPresent();
        }
        if (node instanceof RuleNode.And and) {
            return and.children().stream().allMatch(child -> holds(child, signals));
        }
        if (node instanceof RuleNode.Or or) {
            return or.children().stream().anyMatch(child -> holds(child, signals));
        }
        return !holds(((RuleNode.Not) node).child(), signals);
    }
}
