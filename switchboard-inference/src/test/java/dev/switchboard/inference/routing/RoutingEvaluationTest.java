package dev.switchboard.inference.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The replay numbers on a four-prompt, two-model pool, against values computed by hand (worked in the comments).
 *
 * <pre>
 *        weak (cost 1)  strong (cost 10)  gain
 *   p1        1              1             0
 *   p2        0              1             1
 *   p3        1              0            -1
 *   p4        0              1             1
 * accuracy   0.50           0.75       gap 0.25
 * </pre>
 */
class RoutingEvaluationTest {

    private static final List<Outcome> ROWS = List.of(row("p1", 1, 1), row("p2", 0, 1), row("p3", 1, 0),
            row("p4", 0, 1));
    private static final OutcomeTable TABLE = OutcomeTable.of(ROWS, List.of("strong", "weak"));

    private static Outcome row(String id, double weak, double strong) {
        return new Outcome(id, "prompt " + id, null, Map.of("weak", weak, "strong", strong),
                Map.of("weak", 1.0, "strong", 10.0));
    }

    private static Map<String, RouterResult> run(double[][] learned) {
        return new RoutingEvaluation(TABLE, new double[] {10, 1}).run(learned, null).stream()
                .collect(Collectors.toMap(RouterResult::name, r -> r));
    }

    @Test
    void oracleRecoversMoreThanTheWholeGap() {
        RouterResult oracle = run(new double[4][2]).get("oracle");

        // oracle order: p2, p4 (gain 1), p1 (0), p3 (-1); PGR after k calls = cumulative gain / (4 * 0.25):
        // 0, 1, 2, 2, 1 -> trapezoids of width 1/4: (0.5 + 1.5 + 2 + 1.5) / 4 = 1.375
        assertThat(oracle.pair().apgr()).isCloseTo(1.375, within(1e-9));
        // PGR 0.5 halfway through the first call: 0.5 / 4; PGR 0.8 at 0.8 / 4
        assertThat(oracle.pair().cpt50()).isCloseTo(0.125, within(1e-9));
        assertThat(oracle.pair().cpt80()).isCloseTo(0.2, within(1e-9));
        // the oracle answers everything (p1 and p3 by the weak model): cost (1 + 10 + 1 + 10) / 4 / 10
        assertThat(oracle.bestAccuracy()).isEqualTo(1.0);
        assertThat(oracle.costAt95()).isCloseTo(0.55, within(1e-9));
    }

    @Test
    void singleModelsAndRandomMixesAreTheReferencePoints() {
        Map<String, RouterResult> results = run(new double[4][2]);

        assertThat(results.get("strong").pair()).isEqualTo(new PairMetrics(1, 1.0, 1.0));
        assertThat(results.get("weak").pair()).isEqualTo(new PairMetrics(0, null, null));
        assertThat(results.get("strong").costAt95()).isEqualTo(1.0);
        assertThat(results.get("weak").costAt95()).isNull();
        assertThat(results.get("random mix").pair()).isEqualTo(new PairMetrics(0.5, 0.5, 0.8));
        // target 0.95 * 0.75 = 0.7125 on the segment from (0.1, 0.5) to (1.0, 0.75): 0.1 + 0.85 * 0.9
        assertThat(results.get("random mix").costAt95()).isCloseTo(0.865, within(1e-9));
    }

    @Test
    void aRouterThatCannotTellPromptsApartIsRandom() {
        RouterResult blind = run(new double[][] {{0.7, 0.4}, {0.7, 0.4}, {0.7, 0.4}, {0.7, 0.4}}).get("learned");

        // every prompt tied: each call recovers the mean gain 0.25, so PGR climbs linearly from 0 to 1
        assertThat(blind.pair().apgr()).isCloseTo(0.5, within(1e-9));
        assertThat(blind.pair().cpt50()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aRouterThatRanksLikeTheOracleScoresLikeIt() {
        double[][] ranks = {{0.5, 0.5}, {0.9, 0.1}, {0.1, 0.9}, {0.8, 0.2}};

        assertThat(run(ranks).get("learned").pair().apgr()).isCloseTo(1.375, within(1e-9));
    }
}
