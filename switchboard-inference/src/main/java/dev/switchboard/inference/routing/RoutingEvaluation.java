package dev.switchboard.inference.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays every router on held-out outcomes: the learned one, each single model, random mixes of single models,
 * a static model per category (calibrated on the training rows), and the per-prompt oracle.
 */
public final class RoutingEvaluation {

    /** Share of the best single model's accuracy that {@code cost_at_95} asks for. */
    public static final double TARGET_SHARE = 0.95;

    private final OutcomeTable table;
    private final double[] choiceCosts;
    private final double refCost;
    private final double target;

    /** @param choiceCosts the per-model costs routers decide with (the trained router's) */
    public RoutingEvaluation(OutcomeTable table, double[] choiceCosts) {
        this.table = table;
        this.choiceCosts = choiceCosts;
        this.refCost = table.meanCost(table.bestModel());
        this.target = TARGET_SHARE * table.accuracy(table.bestModel());
    }

    public OutcomeTable table() {
        return table;
    }

    /** 95 % of the best single model's accuracy. */
    public double targetAccuracy() {
        return target;
    }

    /**
     * @param learned    the learned router's predicted scores per held-out row
     * @param training   the training rows, for the per-category baseline; null or category-less skips it
     */
    public List<RouterResult> run(double[][] learned, List<Outcome> training) {
        List<RouterResult> results = new ArrayList<>();
        results.add(predictor("learned", learned));
        List<CurvePoint> byTarget = RoutingReplay.sweepTargets(learned, choiceCosts, table, refCost);
        results.add(new RouterResult("learned, quality_target rule", byTarget,
                RoutingReplay.costToReach(byTarget, target, false), null));
        double[][] perCategory = perCategory(training);
        if (perCategory != null) {
            results.add(predictor("per-category static", perCategory));
        }
        results.add(predictor("oracle", table.scores()));
        List<CurvePoint> singles = RoutingReplay.singles(table, refCost);
        List<CurvePoint> mixes = RoutingReplay.randomMixes(singles);
        results.add(new RouterResult("random mix", mixes, RoutingReplay.costToReach(mixes, target, true),
                twoModels() ? new PairMetrics(0.5, 0.5, 0.8) : null));
        for (int m = 0; m < singles.size(); m++) {
            CurvePoint p = singles.get(m);
            results.add(new RouterResult(p.setting(), List.of(p), p.accuracy() >= target - 1e-12 ? p.cost() : null,
                    twoModels() ? PairMetrics.constant(m == table.bestModel() ? 1 : 0) : null));
        }
        return results;
    }

    /** A two-model pool whose rows score both models: the RouteLLM metrics apply. */
    private boolean twoModels() {
        return table.models().size() == 2 && Validation.pair(new double[table.size()][2], table) != null;
    }

    private RouterResult predictor(String name, double[][] predicted) {
        List<CurvePoint> curve = RoutingReplay.sweep(predicted, choiceCosts, table, refCost);
        return new RouterResult(name, curve, RoutingReplay.costToReach(curve, target, false),
                twoModels() ? Validation.pair(predicted, table) : null);
    }

    /** Each held-out row predicted by its category's mean scores on the training rows (overall means if unseen). */
    private double[][] perCategory(List<Outcome> training) {
        if (training == null || training.stream().allMatch(o -> o.category() == null)) {
            return null;
        }
        OutcomeTable train = OutcomeTable.of(training, table.models());
        Map<String, double[]> sums = new HashMap<>();
        int models = table.models().size();
        for (int i = 0; i < train.size(); i++) {
            for (String key : new String[] {String.valueOf(train.categories()[i]), "\0all"}) {
                double[] s = sums.computeIfAbsent(key, k -> new double[models + 1]);
                for (int m = 0; m < models; m++) {
                    s[m] += train.scores()[i][m];
                }
                s[models]++;
            }
        }
        double[][] predicted = new double[table.size()][];
        for (int i = 0; i < table.size(); i++) {
            double[] s = sums.getOrDefault(String.valueOf(table.categories()[i]), sums.get("\0all"));
            predicted[i] = new double[models];
            for (int m = 0; m < models; m++) {
                predicted[i][m] = s[m] / s[models];
            }
        }
        return predicted;
    }
}
