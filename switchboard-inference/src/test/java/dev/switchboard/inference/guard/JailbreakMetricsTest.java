package dev.switchboard.inference.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JailbreakMetricsTest {

    @Test
    void aucIsOneForPerfectSeparationAndHalfForTies() {
        assertThat(JailbreakMetrics.rocAuc(new float[] {0.9f, 0.8f}, new float[] {0.1f, 0.2f})).isEqualTo(1.0);
        assertThat(JailbreakMetrics.rocAuc(new float[] {0.5f}, new float[] {0.5f})).isEqualTo(0.5);
        assertThat(JailbreakMetrics.rocAuc(new float[] {0.3f, 0.9f}, new float[] {0.5f})).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void thresholdKeepsFalsePositivesWithinBudget() {
        float[] negatives = new float[200];
        for (int i = 0; i < negatives.length; i++) {
            negatives[i] = i / 200f;
        }
        float threshold = JailbreakMetrics.thresholdAtFpr(negatives, 0.01);
        assertThat(JailbreakMetrics.flaggedRate(negatives, threshold)).isEqualTo(0.01);
        assertThat(JailbreakMetrics.flaggedRate(negatives, Math.nextDown(threshold) - 1e-3f)).isGreaterThan(0.01);
    }
}
