package dev.switchboard.core.config.yaml;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.errorsOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.ExtProcSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code extproc} section: off by default, and every mistake reported with its path. */
class ExtProcConfigTest {

    @Test
    void offByDefaultAndReadWhenPresent() {
        assertThat(parse(BASE).extProc()).isEqualTo(ExtProcSettings.DEFAULTS);
        assertThat(ExtProcSettings.DEFAULTS.enabled()).isFalse();
        assertThat(parse(BASE + "extproc: {enabled: true, host: 0.0.0.0, port: 9443}\n").extProc())
                .isEqualTo(new ExtProcSettings(true, "0.0.0.0", 9443));
    }

    @Test
    void mistakesAreReportedWithTheirPath() {
        List<ConfigError> errors = errorsOf(BASE + """
                server: {port: 9000}
                extproc: {enabled: yes-please, host: "", port: 9000, prot: 1}
                """);
        assertThat(errors).extracting(ConfigError::path).containsExactlyInAnyOrder("extproc.enabled",
                "extproc.host", "extproc.port", "extproc.prot");
        assertThat(errorsOf(BASE + "extproc: {port: 70000}\n")).extracting(ConfigError::path)
                .containsExactly("extproc.port");
    }
}
