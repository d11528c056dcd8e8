package dev.switchboard.core.config.yaml;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.errorsOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.onlyErrorOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.ToolSettings;
import dev.switchboard.core.config.ToolSettings.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code tools} section and the per-decision {@code tools} plugin that overrides it. */
class ToolsConfigTest {

    @Test
    void absentSectionLeavesToolsAloneAndNeedsNoEncoder() {
        SwitchboardConfig config = parse(BASE);
        assertThat(config.tools()).isEqualTo(ToolSettings.NONE);
        assertThat(config.selectsTools()).isFalse();
        assertThat(config.needsEncoder()).isFalse();
    }

    @Test
    void emptySectionSwitchesFilteringOnWithDefaults() {
        SwitchboardConfig config = parse(BASE + "tools: {}\n");
        assertThat(config.tools().global()).isEqualTo(Policy.DEFAULTS);
        assertThat(config.needsEncoder()).isTrue();
    }

    @Test
    void decisionPluginOverridesTheGlobalPolicyFieldByField() {
        SwitchboardConfig config = parse(BASE + """
                tools: {top_k: 8, min_similarity: 0.3, always_keep: [search]}
                decisions:
                  - name: plain
                    model_refs: [{model: qwen}]
                  - name: agent
                    model_refs: [{model: qwen}]
                    plugins: [{type: tools, top_k: 3, when_none_relevant: keep-none}]
                  - name: chat
                    model_refs: [{model: qwen}]
                    plugins: [{type: tools, enabled: false}]
                """);
        ToolSettings tools = config.tools();
        assertThat(tools.policyFor(config.decisions().get(0))).isEqualTo(tools.global());
        assertThat(tools.policyFor(config.decisions().get(1))).isEqualTo(new Policy(ToolSettings.Mode.FILTER, 3, 0.3,
                ToolSettings.WhenNoneRelevant.KEEP_NONE, List.of("search")));
        assertThat(tools.policyFor(config.decisions().get(2))).isNull();
    }

    @Test
    void maxInlineEmbeddingsIsReadAndRangeChecked() {
        assertThat(parse(BASE + "tools: {}\n").tools().maxInlineEmbeddings())
                .isEqualTo(ToolSettings.DEFAULT_MAX_INLINE_EMBEDDINGS);
        assertThat(parse(BASE + "tools: {max_inline_embeddings: 0}\n").tools().maxInlineEmbeddings()).isZero();
        ConfigError error = onlyErrorOf(BASE + "tools: {max_inline_embeddings: -1}\n");
        assertThat(error.path()).isEqualTo("tools.max_inline_embeddings");
        assertThat(error.message()).contains("outside 0..100000");
    }

    @Test
    void aDecisionAloneCanSwitchSelectionOn() {
        SwitchboardConfig config = parse(BASE + """
                decisions:
                  - name: agent
                    model_refs: [{model: qwen}]
                    plugins: [{type: tools}]
                """);
        assertThat(config.tools().global()).isNull();
        assertThat(config.tools().policyFor(config.decisions().get(0))).isEqualTo(Policy.DEFAULTS);
        assertThat(config.selectsTools()).isTrue();
    }

    @Test
    void badValuesAreReportedWithTheirPath() {
        List<ConfigError> errors = errorsOf(BASE + """
                tools: {top_k: 0, min_similarity: 2, mode: pick, when_none_relevant: shrug, topk: 3}
                """);
        assertThat(errors).extracting(ConfigError::path).containsExactlyInAnyOrder("tools.top_k",
                "tools.min_similarity", "tools.mode", "tools.when_none_relevant", "tools.topk");
    }

    @Test
    void pluginKeysAreCheckedToo() {
        ConfigError error = onlyErrorOf(BASE + """
                decisions:
                  - name: agent
                    model_refs: [{model: qwen}]
                    plugins: [{type: tools, top_k: 500}]
                """);
        assertThat(error.path()).isEqualTo("decisions[0].plugins[0].top_k");
    }

    @Test
    void addingNeedsACatalogue() {
        assertThat(onlyErrorOf(BASE + "tools: {mode: add}\n").path()).isEqualTo("tools.mode");
        assertThat(onlyErrorOf(BASE + "tools: {catalogue: /no/such/tools_db.json}\n").path())
                .isEqualTo("tools.catalogue");
        assertThat(onlyErrorOf(BASE + """
                decisions:
                  - name: agent
                    model_refs: [{model: qwen}]
                    plugins: [{type: tools, mode: both}]
                """).message()).contains("decision `agent` adds tools");
    }
}
