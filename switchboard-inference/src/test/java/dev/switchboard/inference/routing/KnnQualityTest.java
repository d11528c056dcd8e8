package dev.switchboard.inference.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.inference.encoder.Vectors;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request-path kNN against a brute-force reference (sort every similarity, average the top k), unknown scores,
 * the projected search space, and a projected router surviving a write and a load.
 */
class KnnQualityTest {

    private static final Random RANDOM = new Random(3);

    @TempDir
    Path dir;

    @Test
    void topKFindsTheLargestValues() {
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = RANDOM.nextFloat();
        }
        int[] top = TopK.largest(values, 37);
        float[] expected = sortedDescending(values);

        assertThat(top).hasSize(37).doesNotHaveDuplicates();
        assertThat(Arrays.stream(top).mapToDouble(i -> values[i]).min().orElseThrow())
                .isEqualTo(expected[36]);
        assertThat(TopK.largest(new float[] {3, 1, 2}, 10)).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void predictsTheMeanScoreOfTheKMostSimilarPrompts() {
        float[][] x = unitVectors(400, 24);
        float[][] y = scores(400, 3);
        KnnQuality knn = new KnnQuality(x, y, 15);
        float[] query = unitVectors(1, 24)[0];

        float[] predicted = knn.predict(query);

        Integer[] order = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(dot(x[b], query), dot(x[a], query)));
        for (int m = 0; m < 3; m++) {
            double mean = 0;
            for (int i = 0; i < 15; i++) {
                mean += y[order[i]][m] / 15;
            }
            assertThat((double) predicted[m]).isCloseTo(mean, within(1e-5));
        }
    }

    @Test
    void unknownScoresAreSkippedAndAModelNoNeighbourSawTakesItsOverallMean() {
        float[][] x = {{1, 0}, {0.99f, 0.141f}, {0, 1}};
        float nan = Float.NaN;
        // model 0 known only on the first prompt; model 1 only on the far third prompt
        float[][] y = {{1, nan}, {nan, nan}, {0, 0.25f}};
        KnnQuality knn = new KnnQuality(x, y, 2);

        float[] predicted = knn.predict(new float[] {1, 0});

        assertThat(predicted[0]).isEqualTo(1f);     // the one neighbour that knows it
        assertThat(predicted[1]).isEqualTo(0.25f);  // no neighbour knows it: its mean over all rows
    }

    @Test
    void aProjectedRouterPredictsTheSameAfterWriteAndLoad() {
        float[][] x = unitVectors(300, 48);
        float[][] y = scores(300, 2);
        KnnQuality knn = new KnnQuality(x, y, 20, Projection.fit(x, 8, 1));
        RouterModel router = new RouterModel("enc", List.of("a", "b"), new double[] {1, 2}, knn, new float[48], -1,
                new int[] {0}, 0.3, 0.6);
        RouterFiles.write(router, new ObjectMapper().createObjectNode(), dir);

        RouterModel loaded = RouterFiles.load(dir);

        assertThat(loaded.quality().describe()).isEqualTo("knn(k=20, pca=8)");
        for (float[] query : unitVectors(20, 48)) {
            assertThat(loaded.quality().predict(query)).containsExactly(knn.predict(query));
        }
    }

    @Test
    void theProjectionKeepsTheDirectionsThatVary() {
        // points spread along the first two axes, with little noise elsewhere: two directions should capture them
        float[][] x = new float[200][6];
        for (float[] row : x) {
            row[0] = (float) RANDOM.nextGaussian() * 3;
            row[1] = (float) RANDOM.nextGaussian() * 2;
            for (int d = 2; d < 6; d++) {
                row[d] = (float) RANDOM.nextGaussian() * 0.01f;
            }
        }
        Projection p = Projection.fit(x, 2, 1);

        for (int j = 0; j < 2; j++) {
            double inPlane = Math.hypot(p.basis()[j], p.basis()[2 + j]); // weights on axes 0 and 1
            assertThat(inPlane).isCloseTo(1, within(1e-3));
        }
        float[] step = p.mean().clone();
        step[0] += 1;
        float[] v = p.apply(step);
        assertThat(Math.hypot(v[0], v[1])).isCloseTo(1, within(1e-3));
    }

    private static float[][] unitVectors(int n, int dims) {
        float[][] x = new float[n][dims];
        for (float[] row : x) {
            for (int d = 0; d < dims; d++) {
                row[d] = (float) RANDOM.nextGaussian();
            }
            Vectors.normalize(row);
        }
        return x;
    }

    private static float[][] scores(int n, int models) {
        float[][] y = new float[n][models];
        for (float[] row : y) {
            for (int m = 0; m < models; m++) {
                row[m] = RANDOM.nextInt(2);
            }
        }
        return y;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += a[d] * b[d];
        }
        return s;
    }

    private static float[] sortedDescending(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length / 2; i++) {
            float t = sorted[i];
            sorted[i] = sorted[sorted.length - 1 - i];
            sorted[sorted.length - 1 - i] = t;
        }
        return sorted;
    }
}
