package dev.switchboard.inference.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replays routing policies on recorded outcomes: what each policy would have cost and scored.
 *
 * <p>A predictor (learned router, per-category table, oracle) becomes a curve by sweeping the trade-off λ: each
 * prompt goes to the model maximising {@code predicted score − λ · cost / max cost}, ties to the cheaper model.
 * On recorded traffic, where each prompt was answered by one model only, a point averages over the prompts whose
 * chosen model is the one that answered (the replay estimator: unbiased only when the recorded choices were
 * varied enough, e.g. partly random).
 */
public final class RoutingReplay {

    /** The λ values swept: 0 (best predicted quality), a log grid, and "cheapest always". */
    static final double[] TRADE_OFFS = tradeOffs();

    private RoutingReplay() {}

    private static double[] tradeOffs() {
        int steps = 120;
        double[] grid = new double[steps + 2];
        for (int i = 0; i < steps; i++) {
            grid[i + 1] = Math.pow(10, -4 + 6.0 * i / (steps - 1));
        }
        grid[steps + 1] = 1e9;
        return grid;
    }

    /**
     * @param predicted   {@code [rows][models]} predicted scores
     * @param choiceCosts the per-model costs the router decides with (its training-time means)
     * @param refCost     the best single model's mean cost on these rows, the unit of the curve's cost axis
     */
    public static List<CurvePoint> sweep(double[][] predicted, double[] choiceCosts, OutcomeTable table,
                                         double refCost) {
        List<CurvePoint> points = new ArrayList<>();
        double maxCost = java.util.Arrays.stream(choiceCosts).max().orElse(1);
        for (double lambda : TRADE_OFFS) {
            double cost = 0;
            double score = 0;
            int counted = 0;
            for (int i = 0; i < table.size(); i++) {
                int m = choose(predicted[i], choiceCosts, lambda / maxCost);
                if (!Double.isNaN(table.scores()[i][m])) { // recorded traffic: only rows where that model answered
                    cost += table.costs()[i][m];
                    score += table.scores()[i][m];
                    counted++;
                }
            }
            if (counted > 0) {
                points.add(new CurvePoint(cost / counted / refCost, score / counted, "λ=" + (float) lambda));
            }
        }
        return points;
    }

    /** The quality targets swept for the rule decisions use ({@code quality_target}): 0.50 to 1.00. */
    static final double[] QUALITY_TARGETS = java.util.stream.IntStream.rangeClosed(0, 100)
            .mapToDouble(i -> 0.5 + i * 0.005).toArray();

    /**
     * Like {@link #sweep}, with the rule a decision's {@code quality_target} applies: each prompt goes to the
     * cheapest model whose predicted score is at least the target times the best predicted score.
     */
    public static List<CurvePoint> sweepTargets(double[][] predicted, double[] choiceCosts, OutcomeTable table,
                                                double refCost) {
        int[] all = java.util.stream.IntStream.range(0, choiceCosts.length).toArray();
        List<CurvePoint> points = new ArrayList<>();
        for (double target : QUALITY_TARGETS) {
            dev.switchboard.core.selection.SelectionPolicy policy =
                    new dev.switchboard.core.selection.SelectionPolicy(target, null);
            double cost = 0;
            double score = 0;
            int counted = 0;
            for (int i = 0; i < table.size(); i++) {
                int m = policy.choose(predicted[i], choiceCosts, all);
                if (m >= 0 && !Double.isNaN(table.scores()[i][m])) {
                    cost += table.costs()[i][m];
                    score += table.scores()[i][m];
                    counted++;
                }
            }
            if (counted > 0) {
                points.add(new CurvePoint(cost / counted / refCost, score / counted, "target=" + (float) target));
            }
        }
        return points;
    }

    static int choose(double[] predicted, double[] costs, double lambda) {
        int chosen = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < predicted.length; m++) {
            double value = predicted[m] - lambda * costs[m];
            if (value > best || value == best && costs[m] < costs[chosen]) {
                best = value;
                chosen = m;
            }
        }
        return chosen;
    }

    /** One point per model: always that model. */
    public static List<CurvePoint> singles(OutcomeTable table, double refCost) {
        List<CurvePoint> points = new ArrayList<>();
        for (int m = 0; m < table.models().size(); m++) {
            points.add(new CurvePoint(table.meanCost(m) / refCost, table.accuracy(m), table.models().get(m)));
        }
        return points;
    }

    /**
     * The upper-left convex hull of {@code points}: what randomly mixing them per prompt can reach (a mix of two
     * points lies on the segment between them).
     */
    public static List<CurvePoint> randomMixes(List<CurvePoint> points) {
        List<CurvePoint> sorted = points.stream().sorted(Comparator.comparingDouble(CurvePoint::cost)
                .thenComparing(Comparator.comparingDouble(CurvePoint::accuracy).reversed())).toList();
        List<CurvePoint> hull = new ArrayList<>();
        for (CurvePoint p : sorted) {
            if (!hull.isEmpty() && p.accuracy() <= hull.get(hull.size() - 1).accuracy()) {
                continue; // costs more, scores no better
            }
            while (hull.size() >= 2 && !turnsRight(hull.get(hull.size() - 2), hull.get(hull.size() - 1), p)) {
                hull.remove(hull.size() - 1);
            }
            hull.add(p);
        }
        return hull;
    }

    private static boolean turnsRight(CurvePoint a, CurvePoint b, CurvePoint c) {
        double cross = (b.cost() - a.cost()) * (c.accuracy() - a.accuracy())
                - (b.accuracy() - a.accuracy()) * (c.cost() - a.cost());
        return cross < 0;
    }

    /**
     * The lowest cost at which {@code curve} reaches {@code accuracy}, or null when it never does. Between two
     * consecutive hull points (random mixes) the cost is interpolated; for other curves only points count.
     */
    public static Double costToReach(List<CurvePoint> curve, double accuracy, boolean interpolate) {
        List<CurvePoint> sorted = curve.stream().sorted(Comparator.comparingDouble(CurvePoint::cost)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            CurvePoint p = sorted.get(i);
            if (p.accuracy() >= accuracy - 1e-12) {
                if (!interpolate || i == 0) {
                    return p.cost();
                }
                CurvePoint q = sorted.get(i - 1);
                double t = (accuracy - q.accuracy()) / (p.accuracy() - q.accuracy());
                return q.cost() + t * (p.cost() - q.cost());
            }
        }
        return null;
    }

    /**
     * Area under the best-accuracy-so-far step curve over cost in [0, 1] (the best single model's cost): one number
     * for "more accuracy for less money", used to pick a router on validation data.
     */
    public static double area(List<CurvePoint> curve) {
        List<CurvePoint> sorted = curve.stream().sorted(Comparator.comparingDouble(CurvePoint::cost)).toList();
        double area = 0;
        double best = 0;
        double at = 0;
        for (CurvePoint p : sorted) {
            double x = Math.min(1, p.cost());
            area += best * Math.max(0, x - at);
            at = Math.max(at, x);
            best = Math.max(best, p.accuracy());
        }
        return area + best * Math.max(0, 1 - at);
    }
}
