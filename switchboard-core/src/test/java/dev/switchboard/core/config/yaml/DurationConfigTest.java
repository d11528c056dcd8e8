package dev.switchboard.core.config.yaml;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.onlyErrorOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

class DurationConfigTest {

    @ParameterizedTest
    @CsvSource({"250ms, 250", "3s, 3000", "1m, 60000", "1h, 3600000", "500, 500", "'\"750\"', 750"})
    void durationValuesBecomeMilliseconds(String yamlValue, long millis) {
        String yaml = BASE + "upstream: {first_byte_timeout: " + yamlValue + "}\n";
        if (yamlValue.startsWith("\"")) {
            // a quoted number is a string, and strings need a unit
            assertThat(onlyErrorOf(yaml).path()).isEqualTo("upstream.first_byte_timeout");
            return;
        }
        assertThat(parse(yaml).upstream().firstByteTimeout().toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3 seconds", "1.5s", "-1s", "-5", "true", "0ms"})
    void invalidDurationsAreReportedWithTheExpectedSyntax(String yamlValue) {
        ConfigError error = onlyErrorOf(BASE + "upstream: {idle_timeout: " + yamlValue + "}\n");

        assertThat(error.path()).isEqualTo("upstream.idle_timeout");
        assertThat(error.hint()).contains("500ms, 3s, 1m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0ms"})
    void backoffMayBeZero(String yamlValue) {
        assertThat(parse(BASE + "upstream: {retry: {initial_backoff: " + yamlValue + "}}\n")
                .upstream().retry().initialBackoff().isZero()).isTrue();
    }
}
