package dev.switchboard.inference.routing;

import java.util.List;

/**
 * How a candidate router is scored on validation rows: APGR for a two-model pool, otherwise the area under its
 * accuracy-versus-cost curve (cost as a fraction of the best single model's).
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
        return table.models().size() == 2 ? "apgr" : "area_under_accuracy_vs_cost";
    }

    double metric(double[][] predicted) {
        if (table.models().size() == 2) {
            return pair(predicted, table).apgr();
        }
        double refCost = table.meanCost(table.bestModel());
        List<CurvePoint> curve = RoutingReplay.sweep(predicted, costs, table, refCost);
        return RoutingReplay.area(curve);
    }

    /** RouteLLM metrics of {@code predicted} on a two-model table. */
    static PairMetrics pair(double[][] predicted, OutcomeTable table) {
        int strong = table.bestModel();
        int weak = 1 - strong;
        double[] preference = new double[table.size()];
        double[] gain = new double[table.size()];
        for (int i = 0; i < table.size(); i++) {
            preference[i] = predicted[i][strong] - predicted[i][weak];
            gain[i] = table.scores()[i][strong] - table.scores()[i][weak];
        }
        return PairMetrics.of(preference, gain, table.accuracy(weak), table.accuracy(strong));
    }
}
