package dev.switchboard.core.config.yaml;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.onlyErrorOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.EncoderConfig;
import org.junit.jupiter.api.Test;

/** {@code encoder.solo_threads}: the default, a value, and errors with their path. */
class SoloThreadsConfigTest {

    @Test
    void aLonePassUsesTwoThreadsByDefault() {
        assertThat(parse(BASE).encoder().soloThreads()).isEqualTo(2).isEqualTo(EncoderConfig.DEFAULT_SOLO_THREADS);
    }

    @Test
    void oneTurnsTheSoloSessionOff() {
        EncoderConfig encoder = parse(BASE + "encoder: {sessions: 3, solo_threads: 1}\n").encoder();
        assertThat(encoder.soloThreads()).isEqualTo(1);
        assertThat(encoder.sessions()).isEqualTo(3);
    }

    @Test
    void anOutOfRangeValueNamesItsPath() {
        ConfigError zero = onlyErrorOf(BASE + "encoder: {solo_threads: 0}\n");
        assertThat(zero.path()).isEqualTo("encoder.solo_threads");
        assertThat(zero.message()).contains("1..64");
        assertThat(onlyErrorOf(BASE + "encoder: {solo_threads: 65}\n").path()).isEqualTo("encoder.solo_threads");
        assertThat(onlyErrorOf(BASE + "encoder: {solo_threads: two}\n").path()).isEqualTo("encoder.solo_threads");
    }
}
