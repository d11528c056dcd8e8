package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.PluginConfig;
import dev.switchboard.core.config.RuleNode;
import dev.switchboard.core.config.SignalsConfig;
import dev.switchboard.core.config.DecisionConfig.ModelRef;
import dev.switchboard.core.config.PluginConfig.SystemPrompt;
import dev.switchboard.core.config.RuleNode.And;
import dev.switchboard.core.config.RuleNode.Condition;
import dev.switchboard.core.config.RuleNode.Not;
import dev.switchboard.core.config.RuleNode.Or;
import dev.switchboard.core.config.SignalsConfig.ContextLengthRule;
import dev.switchboard.core.config.SignalsConfig.KeywordRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.errorsOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.onlyErrorOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Signals, rule trees, model references and plugins. */
class DecisionsConfigTest {

    private static final String SIGNALS = BASE + """
            signals:
              keywords:
                - {name: math, keywords: [integral, derivative]}
                - {name: code, keywords: [java, python], operator: ALL, case_sensitive: true}
              context_length:
                - {name: long, min_tokens: 8000}
                - {name: short, max_tokens: 500}
              domain: {threshold: 0.4}
              embeddings:
                - {name: refund, candidates: [I want my money back, refund please], threshold: 0.8}
            """;

    /** A decision with the given rules block (indented to sit under the decision). */
    private static String decisionWithRules(String rules) {
        return SIGNALS + "decisions:\n  - name: d\n    model_refs: [{model: qwen}]\n    rules:\n"
                + rules.indent(6);
    }

    private static RuleNode rulesOf(String rules) {
        return parse(decisionWithRules(rules)).decisions().get(0).rules();
    }

    @Test
    void signalsAreReadWithDefaults() {
        SignalsConfig signals = parse(SIGNALS).signals();

        assertThat(signals.keywords()).containsExactly(
                new KeywordRule("math", List.of("integral", "derivative"), KeywordRule.Operator.ANY, false),
                new KeywordRule("code", List.of("java", "python"), KeywordRule.Operator.ALL, true));
        assertThat(signals.contextLength()).containsExactly(
                new ContextLengthRule("long", 8000, Long.MAX_VALUE), new ContextLengthRule("short", 0, 500));
    }

    @Test
    void keywordRulesNeedNonEmptyKeywords() {
        List<ConfigError> errors = errorsOf(BASE + """
                signals:
                  keywords:
                    - {name: a, keywords: []}
                    - {name: b}
                    - {name: c, keywords: [ok, "", 7]}
                """);

        assertThat(errors).extracting(ConfigError::path, ConfigError::message).containsExactly(
                tuple("signals.keywords[0].keywords", "a keyword rule needs at least one keyword"),
                tuple("signals.keywords[1].keywords", "a keyword rule needs at least one keyword"),
                tuple("signals.keywords[2].keywords[1]", "an entry of `keywords` must not be empty"),
                tuple("signals.keywords[2].keywords[2]", "expected a string, got the number 7"));
    }

    @Test
    void contextLengthBoundsMustBeOrdered() {
        ConfigError error = onlyErrorOf(BASE + "signals: {context_length: [{name: x, min_tokens: 9, max_tokens: 5}]}");

        assertThat(error.path()).isEqualTo("signals.context_length[0].max_tokens");
    }

    @Test
    void decisionWithoutRulesAlwaysMatches() {
        DecisionConfig decision = parse(BASE + "decisions: [{name: d, model_refs: [{model: qwen}]}]\n")
                .decisions().get(0);

        assertThat(decision).isEqualTo(new DecisionConfig("d", "", 0, new RuleNode.Always(),
                List.of(new ModelRef("qwen", null, null)), List.of()));
    }

    @Test
    void ruleTreeIsBuiltWithCaseInsensitiveOperators() {
        RuleNode rules = rulesOf("""
                operator: and
                conditions:
                  - {type: keyword, name: math}
                  - operator: Or
                    conditions:
                      - {type: context_length, name: long}
                      - {type: domain, name: math, threshold: 0.7}
                  - operator: NOT
                    conditions: [{type: Keyword, name: code}]
                """);

        assertThat(rules).isEqualTo(new And(List.of(
                new Condition("keyword", "math", null),
                new Or(List.of(new Condition("context_length", "long", null),
                        new Condition("domain", "math", 0.7))),
                new Not(new Condition("keyword", "code", null)))));
    }

    @Test
    void aSingleConditionNeedsNoOperator() {
        assertThat(rulesOf("{type: keyword, name: math}")).isEqualTo(new Condition("keyword", "math", null));
    }

    @Test
    void notTakesExactlyOneCondition() {
        ConfigError error = onlyErrorOf(decisionWithRules("""
                operator: NOT
                conditions:
                  - {type: keyword, name: math}
                  - {type: keyword, name: code}
                """));

        assertThat(error.path()).isEqualTo("decisions[0].rules.conditions");
        assertThat(error.message()).isEqualTo("NOT takes exactly one condition, got 2");
    }

    @Test
    void combinationsNeedConditions() {
        assertThat(onlyErrorOf(decisionWithRules("{operator: OR}")).path()).isEqualTo("decisions[0].rules.conditions");
        assertThat(onlyErrorOf(decisionWithRules("{operator: AND, conditions: []}")).message())
                .isEqualTo("AND needs at least one condition");
    }

    @Test
    void unknownOperatorListsTheValidOnes() {
        ConfigError error = onlyErrorOf(decisionWithRules("{operator: XOR, conditions: [{type: keyword, name: math}]}"));

        assertThat(error.path()).isEqualTo("decisions[0].rules.operator");
        assertThat(error.hint()).isEqualTo("expected one of: and, or, not");
    }

    @Test
    void ruleNodeMustBeEitherConditionOrCombination() {
        assertThat(onlyErrorOf(decisionWithRules("{operator: AND, type: keyword, name: math}")).message())
                .contains("not both");
        assertThat(onlyErrorOf(decisionWithRules("{name: math}")).message())
                .isEqualTo("a rule needs either `type` or `operator`");
    }

    @Test
    void conditionsMustNameDefinedRulesOfKnownSignalTypes() {
        List<ConfigError> errors = errorsOf(decisionWithRules("""
                operator: OR
                conditions:
                  - {type: keyword, name: maths}
                  - {type: context_length, name: huge}
                  - {type: embedding, name: refunds}
                  - {type: domain, name: mathematics}
                  - {type: jailbrake, name: anything}
                """));

        assertThat(errors).extracting(ConfigError::path, ConfigError::message).containsExactly(
                tuple("decisions[0].rules.conditions[0].name", "no keyword rule is named `maths`"),
                tuple("decisions[0].rules.conditions[1].name", "no context_length rule is named `huge`"),
                tuple("decisions[0].rules.conditions[2].name", "no embedding rule is named `refunds`"),
                tuple("decisions[0].rules.conditions[3].name", "no domain rule is named `mathematics`"),
                tuple("decisions[0].rules.conditions[4].type", "unknown signal type `jailbrake`"));
        assertThat(errors.get(0).hint()).startsWith("did you mean `math`?");
        assertThat(errors.get(2).hint()).startsWith("did you mean `refund`?");
    }

    @Test
    void domainConditionsNeedTheClassifierSwitchedOn() {
        ConfigError error = onlyErrorOf(BASE + "decisions:\n  - name: d\n    model_refs: [{model: qwen}]\n"
                + "    rules: {type: domain, name: law}\n");
        assertThat(error.message()).isEqualTo("a domain condition needs the domain classifier");
        assertThat(error.hint()).contains("signals: {domain: {}}");
    }

    @Test
    void mlSignalsAreReadWithDefaults() {
        SignalsConfig signals = parse(BASE + """
                signals:
                  domain: {}
                  embeddings:
                    - {name: refund, candidates: [money back]}
                    - {name: cancel, candidates: [cancel my plan, stop my subscription], threshold: 0.6, aggregation: mean}
                """).signals();
        assertThat(signals.domain()).isEqualTo(new SignalsConfig.DomainSignal(null, 0.3));
        assertThat(signals.embeddings()).containsExactly(
                new SignalsConfig.EmbeddingRule("refund", List.of("money back"), 0.75,
                        SignalsConfig.EmbeddingRule.Aggregation.MAX),
                new SignalsConfig.EmbeddingRule("cancel", List.of("cancel my plan", "stop my subscription"), 0.6,
                        SignalsConfig.EmbeddingRule.Aggregation.MEAN));
        assertThat(signals.needsEncoder()).isTrue();
        assertThat(parse(BASE).signals().needsEncoder()).isFalse();
    }

    @Test
    void embeddingRulesNeedCandidates() {
        ConfigError error = onlyErrorOf(BASE + "signals: {embeddings: [{name: x, candidates: []}]}\n");
        assertThat(error.path()).isEqualTo("signals.embeddings[0].candidates");
    }

    @Test
    void conditionsNeedTypeAndNameAndAValidThreshold() {
        List<ConfigError> errors = errorsOf(decisionWithRules("""
                operator: OR
                conditions:
                  - {type: "", name: x}
                  - {type: domain}
                  - {type: domain, name: law, threshold: 1.5}
                  - {type: domain, name: law, treshold: 0.5}
                """));

        assertThat(errors).extracting(ConfigError::path).containsExactly(
                "decisions[0].rules.conditions[0].type",
                "decisions[0].rules.conditions[1].name",
                "decisions[0].rules.conditions[2].threshold",
                "decisions[0].rules.conditions[3].treshold");
        assertThat(errors.get(3).hint()).startsWith("did you mean `threshold`?");
    }

    @Test
    void modelRefsCarryReasoningOptions() {
        DecisionConfig decision = parse(BASE + """
                decisions:
                  - name: d
                    description: hard things
                    priority: -5
                    model_refs:
                      - {model: qwen, use_reasoning: true, reasoning_effort: HIGH}
                      - {model: echo, use_reasoning: false}
                """).decisions().get(0);

        assertThat(decision.priority()).isEqualTo(-5);
        assertThat(decision.description()).isEqualTo("hard things");
        assertThat(decision.modelRefs()).containsExactly(
                new ModelRef("qwen", true, "high"), new ModelRef("echo", false, null));
    }

    @Test
    void modelRefsAreRequiredAndMustNameModels() {
        List<ConfigError> errors = errorsOf(BASE + """
                decisions:
                  - {name: a}
                  - {name: b, model_refs: [{model: qwne}, {use_reasoning: yes please}]}
                """);

        assertThat(errors).extracting(ConfigError::path).containsExactly(
                "decisions[0].model_refs",
                "decisions[1].model_refs[0].model",
                "decisions[1].model_refs[1].model",
                "decisions[1].model_refs[1].use_reasoning");
        assertThat(errors.get(1).hint()).isEqualTo("did you mean `qwen`? known models: echo, qwen");
    }

    @Test
    void pluginsAreReadByType() {
        DecisionConfig decision = parse(BASE + """
                decisions:
                  - name: d
                    model_refs: [{model: echo}]
                    plugins:
                      - {type: system_prompt, system_prompt: Be brief., mode: REPLACE}
                      - {type: Fast_Response, message: Not today.}
                  - name: e
                    model_refs: [{model: echo}]
                    plugins: [{type: system_prompt, system_prompt: Hi.}]
                """).decisions().get(0);

        assertThat(decision.plugins()).containsExactly(
                new SystemPrompt("Be brief.", SystemPrompt.Mode.REPLACE), new PluginConfig.FastResponse("Not today."));
    }

    @Test
    void pluginMistakesAreReported() {
        List<ConfigError> errors = errorsOf(BASE + """
                decisions:
                  - name: d
                    model_refs: [{model: echo}]
                    plugins:
                      - {type: system_prompt, prompt: Be brief.}
                      - {type: memory, top_k_memories: 3}
                      - {type: fast_response}
                      - {type: system_prompt, system_prompt: again}
                """);

        assertThat(errors).extracting(ConfigError::path).containsExactlyInAnyOrder(
                "decisions[0].plugins[0].prompt",
                "decisions[0].plugins[0].system_prompt",
                "decisions[0].plugins[1].type",
                "decisions[0].plugins[1].top_k_memories",
                "decisions[0].plugins[2].message",
                "decisions[0].plugins[3].type");
    }
}
