package dev.switchboard.inference.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.inference.encoder.Vectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared low-rank model on synthetic outcomes where every model's success depends on one hidden difficulty
 * direction of the prompt: it learns that direction from all models together, so a model with few recorded scores
 * is still predicted well, and a factors router predicts the same after a write and a load.
 */
class FactorQualityTest {

    private static final int DIMS = 32;
    private static final float[] ABILITY = {-1.5f, -0.5f, 0f, 0.5f, 1f, 1.5f};

    @TempDir
    Path dir;

    @Test
    void aModelWithFewScoresBorrowsTheDifficultyTheOtherModelsReveal() {
        Random random = new Random(7);
        float[] difficulty = unit(gaussian(random, DIMS));
        float[][] x = prompts(random, 2000);
        float[][] y = outcomes(random, x, difficulty);
        for (int i = 40; i < y.length; i++) {
            y[i][0] = Float.NaN; // model 0 was tried on 40 prompts only
        }
        FactorQuality factors = new FactorTrainer(4, 1e-4f, 20, 1).fit(x, y);
        LinearQuality alone = new RouterTrainer(1).fitLinear(x, y, 0.01f);

        float[][] test = prompts(random, 500);
        double[] truth = new double[test.length];
        double[] shared = new double[test.length];
        double[] ownColumn = new double[test.length];
        for (int i = 0; i < test.length; i++) {
            truth[i] = probability(ABILITY[0], test[i], difficulty);
            shared[i] = factors.predict(test[i])[0];
            ownColumn[i] = alone.predict(test[i])[0];
        }
        assertThat(correlation(shared, truth)).isGreaterThan(0.7);
        assertThat(correlation(shared, truth)).isGreaterThan(correlation(ownColumn, truth) + 0.2);
    }

    @Test
    void aFactorsRouterPredictsTheSameAfterWriteAndLoad() {
        Random random = new Random(8);
        float[][] x = prompts(random, 300);
        float[][] y = outcomes(random, x, unit(gaussian(random, DIMS)));
        FactorQuality factors = new FactorTrainer(3, 1e-3f, 5, 2).fit(x, y);
        RouterModel router = new RouterModel("enc", List.of("a", "b", "c", "d", "e", "f"),
                new double[] {1, 2, 3, 4, 5, 6}, factors, new float[DIMS], -1, new int[] {0, 1, 2}, 0.3, 0.6);
        RouterFiles.write(router, new ObjectMapper().createObjectNode(), dir);

        RouterModel loaded = RouterFiles.load(dir);

        assertThat(loaded.quality().describe()).isEqualTo("factors(rank=3, l2=0.001)");
        for (float[] query : prompts(random, 20)) {
            assertThat(loaded.quality().predict(query)).containsExactly(factors.predict(query));
        }
    }

    /** Model m answers correctly with probability sigmoid(3 (ability_m - difficulty · x · 4)). */
    private static double probability(float ability, float[] x, float[] difficulty) {
        double d = 0;
        for (int k = 0; k < DIMS; k++) {
            d += difficulty[k] * x[k];
        }
        return 1 / (1 + Math.exp(-3 * (ability - 4 * d)));
    }

    private static float[][] outcomes(Random random, float[][] x, float[] difficulty) {
        float[][] y = new float[x.length][ABILITY.length];
        for (int i = 0; i < x.length; i++) {
            for (int m = 0; m < ABILITY.length; m++) {
                y[i][m] = random.nextDouble() < probability(ABILITY[m], x[i], difficulty) ? 1 : 0;
            }
        }
        return y;
    }

    private static float[][] prompts(Random random, int n) {
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = unit(gaussian(random, DIMS));
        }
        return x;
    }

    private static float[] gaussian(Random random, int dims) {
        float[] v = new float[dims];
        for (int d = 0; d < dims; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    private static float[] unit(float[] v) {
        return Vectors.normalize(v);
    }

    private static double correlation(double[] a, double[] b) {
        double ma = java.util.Arrays.stream(a).average().orElseThrow();
        double mb = java.util.Arrays.stream(b).average().orElseThrow();
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }
}
