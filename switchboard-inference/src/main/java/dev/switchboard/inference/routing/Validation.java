package dev.switchboard.inference.routing;

import java.util.List;

/**
 * How a candidate router is scored on validation rows: APGR for a two-model pool, otherwise the area under its
 * accuracy-versus-cost curve (cost as a fraction of the best single model's). Recorded traffic, where each prompt
 * was answered by one model only, cannot replay choices the router did not make: there, candidates are scored by
 * how well they predict the recorded scores (the negative mean squared error over the scores that are known).
 */
final class Validation {

    private final OutcomeTable table;
    private final double[] costs;

    /** @param costs the per-model costs the router decides with */
    Validation(OutcomeTable table, double[] costs) {
        this.table = table;
        this.costs = costs;
    }

    String metricName() {
        if (partial()) {
            return "negative_mean_squared_error_on_recorded_scores";
        }
        return table.models().size() == 2 && pair(new double[table.size()][2], table) != null ? "apgr"
                : "area_under_accuracy_vs_cost";
    }

    double metric(double[][] predicted) {
        if (partial()) {
            return -meanSquaredError(predicted);
        }
        PairMetrics pair = table.models().size() == 2 ? pair(predicted, table) : null;
        if (pair != null) {
            return pair.apgr();
        }
        double refCost = table.meanCost(table.bestModel());
        List<CurvePoint> curve = RoutingReplay.sweep(predicted, costs, table, refCost);
        return RoutingReplay.area(curve);
    }

    /**
     * {@code accuracy} (a difference in accuracy) in the units of {@link #metric}: APGR is accuracy over the
     * strong-weak gap, the curve area and the squared error are in accuracy units already.
     */
    double tie(double accuracy) {
        if (!metricName().equals("apgr")) {
            return accuracy;
        }
        int strong = table.bestModel();
        double gap = table.accuracy(strong) - table.accuracy(1 - strong);
        return gap > 0 ? accuracy / gap : accuracy;
    }

    /** True when some validation row does not score every model (recorded traffic). */
    private boolean partial() {
        for (double[] row : table.scores()) {
            for (double v : row) {
                if (Double.isNaN(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private double meanSquaredError(double[][] predicted) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < table.size(); i++) {
            for (int m = 0; m < table.models().size(); m++) {
                double y = table.scores()[i][m];
                if (!Double.isNaN(y)) {
                    sum += (predicted[i][m] - y) * (predicted[i][m] - y);
                    n++;
                }
            }
        }
        return sum / Math.max(1, n);
    }

    /**
     * RouteLLM metrics of {@code predicted} on a two-model table, over the rows that score both models (all of an
     * outcome file's); null when none does (recorded traffic, one model per prompt).
     */
    static PairMetrics pair(double[][] predicted, OutcomeTable table) {
        int strong = table.bestModel();
        int weak = 1 - strong;
        int[] both = java.util.stream.IntStream.range(0, table.size()).filter(i -> !Double.isNaN(
                table.scores()[i][strong]) && !Double.isNaN(table.scores()[i][weak])).toArray();
        if (both.length == 0) {
            return null;
        }
        double[] preference = new double[both.length];
        double[] gain = new double[both.length];
        double weakSum = 0;
        double strongSum = 0;
        for (int j = 0; j < both.length; j++) {
            int i = both[j];
            preference[j] = predicted[i][strong] - predicted[i][weak];
            gain[j] = table.scores()[i][strong] - table.scores()[i][weak];
            weakSum += table.scores()[i][weak];
            strongSum += table.scores()[i][strong];
        }
        return PairMetrics.of(preference, gain, weakSum / both.length, strongSum / both.length);
    }
}
