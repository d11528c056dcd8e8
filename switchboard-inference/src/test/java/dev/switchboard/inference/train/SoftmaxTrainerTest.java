package dev.switchboard.inference.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.inference.ProgressListener;
import dev.switchboard.inference.encoder.Vectors;
import dev.switchboard.inference.head.SoftmaxHead;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxTrainerTest {

    private static final List<String> LABELS = List.of("a", "b", "c");

    @Test
    void linearHeadSeparatesNoisyClusters() {
        Fixture data = clusters(600, 16, 1);
        SoftmaxHead head = train(new TrainOptions(0, 15, 0.05f, 0f, 16, 1, true, 0), data);
        assertThat(DomainEvaluator.evaluate("fixture", head, data.x, data.y).accuracy()).isGreaterThan(0.95);
    }

    @Test
    void mlpHeadSeparatesNoisyClusters() {
        Fixture data = clusters(600, 16, 2);
        SoftmaxHead head = train(new TrainOptions(32, 15, 0.01f, 0f, 16, 1, false, 0), data);
        assertThat(head.isMlp()).isTrue();
        assertThat(DomainEvaluator.evaluate("fixture", head, data.x, data.y).accuracy()).isGreaterThan(0.95);
    }

    @Test
    void sameSeedGivesIdenticalWeights() {
        Fixture data = clusters(200, 8, 3);
        TrainOptions options = new TrainOptions(0, 5, 0.05f, 1e-3f, 16, 9, true, 0);
        assertThat(train(options, data).outWeights()).isDeepEqualTo(train(options, data).outWeights());
    }

    private static SoftmaxHead train(TrainOptions options, Fixture data) {
        return new SoftmaxTrainer(options).train(data.x, data.y, LABELS, "fixture-model", ProgressListener.NONE);
    }

    private record Fixture(float[][] x, int[] y) {}

    /** Three unit-norm clusters in {@code dim} dimensions with Gaussian noise. */
    private static Fixture clusters(int n, int dim, long seed) {
        Random random = new Random(seed);
        float[][] centers = new float[LABELS.size()][dim];
        for (float[] center : centers) {
            for (int d = 0; d < dim; d++) {
                center[d] = (float) random.nextGaussian();
            }
        }
        float[][] x = new float[n][dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % LABELS.size();
            for (int d = 0; d < dim; d++) {
                x[i][d] = centers[y[i]][d] + 0.3f * (float) random.nextGaussian();
            }
            Vectors.normalize(x[i]);
        }
        return new Fixture(x, y);
    }
}
