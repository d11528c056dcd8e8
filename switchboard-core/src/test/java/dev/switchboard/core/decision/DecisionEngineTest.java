package dev.switchboard.core.decision;

import static dev.switchboard.core.TestConfigs.decision;
import static dev.switchboard.core.TestConfigs.keyword;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.RuleNode;
import dev.switchboard.core.signal.SignalSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecisionEngineTest {

    private static SignalSet signals(String... keywordNames) {
        SignalSet set = new SignalSet();
        for (String name : keywordNames) {
            set.add("keyword", name, 1.0);
        }
        return set;
    }

    private static Optional<String> select(List<DecisionConfig> decisions, SignalSet signals) {
        return new DecisionEngine(decisions).select(signals).map(DecisionConfig::name);
    }

    @Test
    void highestPriorityMatchingDecisionWins() {
        List<DecisionConfig> decisions = List.of(
                decision("low", 1, keyword("a"), List.of("m")),
                decision("high", 10, keyword("a"), List.of("m")),
                decision("unmatched", 100, keyword("b"), List.of("m")));
        assertThat(select(decisions, signals("a"))).contains("high");
    }

    @Test
    void equalPrioritiesGoToTheFirstListed() {
        List<DecisionConfig> decisions = List.of(
                decision("first", 5, keyword("a"), List.of("m")),
                decision("second", 5, keyword("a"), List.of("m")));
        assertThat(select(decisions, signals("a"))).contains("first");
    }

    @Test
    void andOrNotCombine() {
        RuleNode rule = new RuleNode.And(List.of(
                new RuleNode.Or(List.of(keyword("x"), keyword("y"))),
                new RuleNode.Not(keyword("z"))));
        List<DecisionConfig> decisions = List.of(decision("d", 1, rule, List.of("m")));
        assertThat(select(decisions, signals("x"))).contains("d");
        assertThat(select(decisions, signals("y"))).contains("d");
        assertThat(select(decisions, signals("x", "z"))).isEmpty();
        assertThat(select(decisions, signals("z"))).isEmpty();
        assertThat(select(decisions, signals())).isEmpty();
    }

    @Test
    void thresholdsGateMlSignals() {
        SignalSet set = new SignalSet();
        set.add("domain", "math", 0.6);
        assertThat(DecisionEngine.holds(new RuleNode.Condition("domain", "math", 0.5), set)).isTrue();
        assertThat(DecisionEngine.holds(new RuleNode.Condition("domain", "math", 0.7), set)).isFalse();
        assertThat(DecisionEngine.holds(new RuleNode.Condition("domain", "law", null), set)).isFalse();
    }

    @Test
    void noRulesMatchesEverything() {
        assertThat(DecisionEngine.holds(new RuleNode.Always(), new SignalSet())).isTrue();
    }
}
