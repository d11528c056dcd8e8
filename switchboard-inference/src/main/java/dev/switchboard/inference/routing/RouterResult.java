package dev.switchboard.inference.routing;

import java.util.List;

/**
 * How one router did on replayed outcomes.
 *
 * @param name     e.g. {@code learned}, {@code oracle}, a model name
 * @param curve    its operating points (cost as a fraction of the best single model's)
 * @param costAt95 the lowest cost fraction reaching 95 % of the best single model's accuracy, or null
 * @param pair     RouteLLM metrics when the pool has two models, else null
 */
public record RouterResult(String name, List<CurvePoint> curve, Double costAt95, PairMetrics pair) {

    public RouterResult {
        curve = List.copyOf(curve);
    }

    /** The highest accuracy on the curve. */
    public double bestAccuracy() {
        return curve.stream().mapToDouble(CurvePoint::accuracy).max().orElse(0);
    }
}
