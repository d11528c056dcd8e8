package dev.switchboard.core.config.yaml;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.errorsOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.AdminSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code admin.dashboard}: on by default with no request text; its keys are checked with their paths. */
class DashboardConfigTest {

    @Test
    void onByDefaultWithoutRequestText() {
        assertThat(parse(BASE).admin().dashboard()).isEqualTo(AdminSettings.Dashboard.DEFAULTS);
        assertThat(AdminSettings.Dashboard.DEFAULTS.enabled()).isTrue();
        assertThat(AdminSettings.Dashboard.DEFAULTS.showPrompts()).isFalse();
    }

    @Test
    void readsBothKeys() {
        AdminSettings.Dashboard dashboard = parse(BASE + """
                admin: {dashboard: {enabled: false, show_prompts: true}}
                """).admin().dashboard();
        assertThat(dashboard).isEqualTo(new AdminSettings.Dashboard(false, true));
    }

    @Test
    void badKeysAndValuesAreReportedAtTheirPath() {
        List<ConfigError> errors = errorsOf(BASE + """
                admin: {dashboard: {enabled: maybe, show_prompt: true}}
                """);
        assertThat(errors).extracting(ConfigError::path)
                .containsExactlyInAnyOrder("admin.dashboard.enabled", "admin.dashboard.show_prompt");
        assertThat(errors).anySatisfy(e -> assertThat(e.hint()).contains("show_prompts"));
    }
}
