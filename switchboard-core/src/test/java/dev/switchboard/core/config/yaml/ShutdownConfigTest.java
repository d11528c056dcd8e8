package dev.switchboard.core.config.yaml;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.onlyErrorOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.ServerSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code server.shutdown_quiet_period} and {@code server.shutdown_timeout}: defaults, values, errors with paths. */
class ShutdownConfigTest {

    @Test
    void defaultsDrainWithoutAQuietPeriod() {
        ServerSettings server = parse(BASE).server();
        assertThat(server.shutdownQuietPeriod()).isZero();
        assertThat(server.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsBothDurations() {
        ServerSettings server = parse(BASE + "server: {shutdown_quiet_period: 15s, shutdown_timeout: 1m}\n").server();
        assertThat(server.shutdownQuietPeriod()).isEqualTo(Duration.ofSeconds(15));
        assertThat(server.shutdownTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(server.withPort(9).shutdownTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aBadDurationNamesItsPath() {
        assertThat(onlyErrorOf(BASE + "server: {shutdown_timeout: soon}\n").path())
                .isEqualTo("server.shutdown_timeout");
        assertThat(onlyErrorOf(BASE + "server: {shutdown_quiet_period: -5s}\n").path())
                .isEqualTo("server.shutdown_quiet_period");
    }
}
