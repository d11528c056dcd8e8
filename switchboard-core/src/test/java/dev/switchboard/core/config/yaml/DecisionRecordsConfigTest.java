package dev.switchboard.core.config.yaml;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.onlyErrorOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.DecisionRecordSettings;
import org.junit.jupiter.api.Test;

class DecisionRecordsConfigTest {

    private static String with(String records) {
        return BASE.replace("  default_model: echo\n", "  default_model: echo\n  decision_records: " + records + "\n");
    }

    @Test
    void offByDefault() {
        assertThat(parse(BASE).routing().decisionRecords()).isEqualTo(DecisionRecordSettings.DEFAULTS);
        assertThat(DecisionRecordSettings.DEFAULTS.enabled()).isFalse();
        assertThat(parse(BASE).needsEncoder()).isFalse();
    }

    @Test
    void everyKeyIsReadAndRecordingNeedsTheEncoder() {
        var config = parse(with("{enabled: true, path: /tmp/r.jsonl, include_prompt: true, max_file_bytes: 8192, "
                + "max_files: 2}"));
        assertThat(config.routing().decisionRecords())
                .isEqualTo(new DecisionRecordSettings(true, "/tmp/r.jsonl", true, 8192, 2));
        assertThat(config.needsEncoder()).isTrue();
    }

    @Test
    void badValuesAreReportedWithTheirPath() {
        assertThat(onlyErrorOf(with("{max_files: -1}")).path()).isEqualTo("routing.decision_records.max_files");
        assertThat(onlyErrorOf(with("{max_file_bytes: 10}")).path())
                .isEqualTo("routing.decision_records.max_file_bytes");
        assertThat(onlyErrorOf(with("{path: \"\"}")).path()).isEqualTo("routing.decision_records.path");
        assertThat(onlyErrorOf(with("{enabled: yes please}")).path()).isEqualTo("routing.decision_records.enabled");
        assertThat(onlyErrorOf(with("{max_file: 5}")).path()).isEqualTo("routing.decision_records.max_file");
    }
}
