package dev.switchboard.core.selection;

/**
 * How a decision trades predicted quality for cost.
 *
 * @param qualityTarget    pick the cheapest model whose predicted quality is at least this fraction of the best
 *                         predicted quality (in (0, 1]); null when {@code willingnessToPay} is used
 * @param willingnessToPay pick the model maximising {@code quality - cost / (w · max cost)}: how much predicted
 *                         quality a full-price call must buy to be worth it; larger pays more. Null when
 *                         {@code qualityTarget} is used
 */
public record SelectionPolicy(Double qualityTarget, Double willingnessToPay) {

    /** The default target: 95 % of the best predicted quality. */
    public static final double DEFAULT_QUALITY_TARGET = 0.95;

    /** Index of the model to use among {@code candidates} (indices into the scores and costs). */
    public int choose(double[] scores, double[] costs, int[] candidates) {
        return willingnessToPay != null ? bestTradeOff(scores, costs, candidates) : cheapestGoodEnough(scores, costs,
                candidates);
    }

    private int cheapestGoodEnough(double[] scores, double[] costs, int[] candidates) {
        double best = 0;
        for (int c : candidates) {
            best = Math.max(best, scores[c]);
        }
        double floor = best * (qualityTarget == null ? DEFAULT_QUALITY_TARGET : qualityTarget);
        int chosen = -1;
        for (int c : candidates) {
            boolean goodEnough = scores[c] >= floor;
            if (goodEnough && (chosen < 0 || costs[c] < costs[chosen])) {
                chosen = c;
            }
        }
        return chosen;
    }

    private int bestTradeOff(double[] scores, double[] costs, int[] candidates) {
        double maxCost = 0;
        for (int c : candidates) {
            maxCost = Math.max(maxCost, costs[c]);
        }
        int chosen = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int c : candidates) {
            double value = scores[c] - costs[c] / (willingnessToPay * Math.max(maxCost, 1e-12));
            // ties go to the cheaper model: equal predicted value is not worth paying for
            if (value > bestValue || value == bestValue && costs[c] < costs[chosen]) {
                bestValue = value;
                chosen = c;
            }
        }
        return chosen;
    }
}
