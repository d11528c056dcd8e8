package dev.switchboard.core.config.yaml;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.onlyErrorOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.GuardSettings.MlBudget;
import org.junit.jupiter.api.Test;

class MlBudgetConfigTest {

    @Test
    void absentMeansTheDocumentedDefaults() {
        assertThat(parse(BASE).guards().mlBudget()).isEqualTo(MlBudget.DEFAULTS)
                .isEqualTo(new MlBudget(1024, 8192, 24, 64, MlBudget.OnExceeded.FLAG));
    }

    @Test
    void everyLimitAndTheActionAreRead() {
        MlBudget budget = parse(BASE + """
                guards:
                  ml_budget: {max_text_tokens: 512, max_request_tokens: 4096, max_passes: 8, max_texts: 10,
                              on_exceeded: refuse}
                """).guards().mlBudget();
        assertThat(budget).isEqualTo(new MlBudget(512, 4096, 8, 10, MlBudget.OnExceeded.REFUSE));
    }

    @Test
    void outOfRangeValuesAreReportedWithTheirPath() {
        ConfigError error = onlyErrorOf(BASE + "guards: {ml_budget: {max_passes: 0}}\n");
        assertThat(error.path()).isEqualTo("guards.ml_budget.max_passes");
        assertThat(error.message()).contains("outside 1..4096");
        assertThat(onlyErrorOf(BASE + "guards: {ml_budget: {max_text_tokens: 8}}\n").path())
                .isEqualTo("guards.ml_budget.max_text_tokens");
        assertThat(onlyErrorOf(BASE + "guards: {ml_budget: {on_exceeded: drop}}\n").path())
                .isEqualTo("guards.ml_budget.on_exceeded");
        assertThat(onlyErrorOf(BASE + "guards: {ml_budget: {max_token: 5}}\n").path())
                .isEqualTo("guards.ml_budget.max_token");
    }
}
