package dev.switchboard.inference.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvalReportTest {

    @Test
    void computesAccuracyMacroF1ConfusionAndLatencyPercentiles() {
        int[] gold = {0, 0, 1, 1};
        int[] predicted = {0, 1, 1, 1};
        long[] nanos = {1_000_000, 2_000_000, 3_000_000, 4_000_000};
        EvalReport report = EvalReport.of("toy", List.of("x", "y"), gold, predicted, nanos);

        assertThat(report.accuracy()).isEqualTo(0.75);
        assertThat(report.perClassF1().get("x")).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(report.perClassF1().get("y")).isCloseTo(0.8, within(1e-9));
        assertThat(report.macroF1()).isCloseTo((2.0 / 3 + 0.8) / 2, within(1e-9));
        assertThat(report.confusion()).isDeepEqualTo(new int[][] {{1, 1}, {0, 2}});
        assertThat(report.p50Millis()).isEqualTo(2.0);
        assertThat(report.p99Millis()).isEqualTo(4.0);
        assertThat(report.toText()).contains("toy", "accuracy 0.7500", "p99 4.0 ms", "confusion");
    }
}
