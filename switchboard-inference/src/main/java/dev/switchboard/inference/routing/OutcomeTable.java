package dev.switchboard.inference.routing;

import java.util.List;

/**
 * Outcome rows as arrays in a fixed model order, for replaying routing policies.
 *
 * @param models     model names, the column order
 * @param scores     {@code [rows][models]} true scores
 * @param costs      {@code [rows][models]} costs
 * @param categories each row's category, or null
 */
public record OutcomeTable(List<String> models, double[][] scores, double[][] costs, String[] categories) {

    public static OutcomeTable of(List<Outcome> rows, List<String> models) {
        double[][] scores = new double[rows.size()][models.size()];
        double[][] costs = new double[rows.size()][models.size()];
        String[] categories = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Outcome row = rows.get(i);
            for (int m = 0; m < models.size(); m++) {
                Double score = row.scores().get(models.get(m));
                if (score == null) {
                    throw new IllegalArgumentException("row `" + row.id() + "` has no score for model `"
                            + models.get(m) + "`, which the router was trained on");
                }
                scores[i][m] = score;
                costs[i][m] = row.costs().getOrDefault(models.get(m), 1.0);
            }
            categories[i] = row.category();
        }
        return new OutcomeTable(List.copyOf(models), scores, costs, categories);
    }

    public int size() {
        return scores.length;
    }

    /** Mean score of model {@code m} over all rows. */
    public double accuracy(int m) {
        double sum = 0;
        for (double[] row : scores) {
            sum += row[m];
        }
        return sum / scores.length;
    }

    /** Mean cost of model {@code m} over all rows. */
    public double meanCost(int m) {
        double sum = 0;
        for (double[] row : costs) {
            sum += row[m];
        }
        return sum / costs.length;
    }

    /** The model with the highest accuracy (ties: the cheaper). */
    public int bestModel() {
        int best = 0;
        for (int m = 1; m < models.size(); m++) {
            double a = accuracy(m);
            double b = accuracy(best);
            if (a > b || a == b && meanCost(m) < meanCost(best)) {
                best = m;
            }
        }
        return best;
    }

    /** The model with the lowest accuracy (ties: the cheaper): the "weak" one of a two-model pool. */
    public int worstModel() {
        return 1 - bestModel();
    }
}
