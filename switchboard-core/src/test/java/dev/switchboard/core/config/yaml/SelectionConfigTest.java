package dev.switchboard.core.config.yaml;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.errorsOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.onlyErrorOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.SignalsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A decision's {@code selection} and the {@code complexity} signal: read, defaulted, and every error at its path. */
class SelectionConfigTest {

    @TempDir
    static Path dir;
    private static String router;

    @BeforeAll
    static void fakeRouterDirectory() throws IOException {
        Path r = Files.createDirectories(dir.resolve("router"));
        Files.writeString(r.resolve("manifest.json"), "{}");
        Files.writeString(r.resolve("weights.bin"), "");
        router = r.toString().replace('\\', '/');
    }

    private static String decisionWithSelection(String selection) {
        return BASE + "decisions:\n  - name: d\n    model_refs: [{model: qwen}, {model: echo}]\n    selection: "
                + selection + "\n";
    }

    @Test
    void selectionIsReadWithTheDefaultTarget() {
        DecisionConfig d = parse(decisionWithSelection("{type: cost_aware, router: \"" + router + "\"}"))
                .decisions().get(0);

        assertThat(d.selection()).isEqualTo(new DecisionConfig.Selection(router, 0.95, null));
        assertThat(parse(decisionWithSelection("{type: cost_aware, router: \"" + router + "\", "
                + "willingness_to_pay: 3}")).decisions().get(0).selection())
                .isEqualTo(new DecisionConfig.Selection(router, null, 3.0));
        assertThat(parse(decisionWithSelection("{type: static}")).decisions().get(0).selection()).isNull();
    }

    @Test
    void aMissingRouterDirectoryIsNamedWithItsPath() {
        ConfigError error = onlyErrorOf(decisionWithSelection("{type: cost_aware, router: no/such/dir}"));

        assertThat(error.path()).isEqualTo("decisions[0].selection.router");
        assertThat(error.message()).contains("no/such/dir");
        assertThat(error.hint()).contains("switchboard train router");
    }

    @Test
    void aDirectoryWithoutWeightsIsNotARouter() {
        ConfigError error = onlyErrorOf(decisionWithSelection("{type: cost_aware, router: \"" + dir + "\"}"));

        assertThat(error.path()).isEqualTo("decisions[0].selection.router");
        assertThat(error.message()).contains("manifest.json");
    }

    @Test
    void badTargetsTypesAndKeysAreNamed() {
        assertThat(onlyErrorOf(decisionWithSelection("{type: cost_aware, router: \"" + router
                + "\", quality_target: 1.5}")).path()).isEqualTo("decisions[0].selection.quality_target");
        assertThat(onlyErrorOf(decisionWithSelection("{type: cost_aware, router: \"" + router
                + "\", willingness_to_pay: 0}")).path()).isEqualTo("decisions[0].selection.willingness_to_pay");
        assertThat(onlyErrorOf(decisionWithSelection("{type: cost_aware, router: \"" + router
                + "\", quality_target: 0.9, willingness_to_pay: 2}")).message()).contains("not both");
        assertThat(onlyErrorOf(decisionWithSelection("{type: cheapest, router: \"" + router + "\"}")).path())
                .isEqualTo("decisions[0].selection.type");
        assertThat(errorsOf(decisionWithSelection("{type: cost_aware, router: \"" + router + "\", target: 0.9}")))
                .extracting(ConfigError::path).contains("decisions[0].selection.target");
        assertThat(onlyErrorOf(decisionWithSelection("{type: cost_aware}")).path())
                .isEqualTo("decisions[0].selection.router");
    }

    @Test
    void complexitySignalFeedsRules() {
        String yaml = BASE + "signals: {complexity: {router: \"" + router + "\"}}\n"
                + "decisions:\n  - name: hard\n    model_refs: [{model: qwen}]\n"
                + "    rules: {type: complexity, name: hard}\n";

        assertThat(parse(yaml).signals().complexity()).isEqualTo(new SignalsConfig.ComplexitySignal(router));
        assertThat(parse(yaml).needsEncoder()).isTrue();
    }

    @Test
    void complexityErrorsAreNamed() {
        String rule = "decisions:\n  - name: hard\n    model_refs: [{model: qwen}]\n"
                + "    rules: {type: complexity, name: %s}\n";
        assertThat(onlyErrorOf(BASE + rule.formatted("hard")).path()).isEqualTo("decisions[0].rules.type");
        assertThat(onlyErrorOf(BASE + "signals: {complexity: {router: \"" + router + "\"}}\n"
                + rule.formatted("extreme")).path()).isEqualTo("decisions[0].rules.name");
        assertThat(onlyErrorOf(BASE + "signals: {complexity: {router: nowhere}}\n").path())
                .isEqualTo("signals.complexity.router");
    }
}
