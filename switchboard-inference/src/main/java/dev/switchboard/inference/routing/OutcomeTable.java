package dev.switchboard.inference.routing;

import java.util.List;

/**
 * Outcome rows as arrays in a fixed model order, for replaying routing policies.
 *
 * @param models     model names, the column order
 * @param scores     {@code [rows][models]} true scores; NaN where a row of recorded traffic did not try a model
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
                if (score == null && row.recorded() != null) {
                    scores[i][m] = Double.NaN; // recorded traffic: only the model that answered is scored
                    costs[i][m] = row.costs().getOrDefault(models.get(m), 1.0);
                    continue;
                }
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

    /** Mean score of model {@code m} over the rows that score it. */
    public double accuracy(int m) {
        return knownMean(scores, m);
    }

    /** Mean cost of model {@code m} over the rows that score it. */
    public double meanCost(int m) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < costs.length; i++) {
            if (!Double.isNaN(scores[i][m])) {
                sum += costs[i][m];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double knownMean(double[][] values, int m) {
        double sum = 0;
        int n = 0;
        for (double[] row : values) {
            if (!Double.isNaN(row[m])) {
                sum += row[m];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The model with the highest accuracy (ties: the cheaper). */
    public int bestModel() {
        int best = 0;
        for (int m = 1; m < models.size(); m++) {
            double a = accuracy(m);
            double b = accuracy(best);
            if (Double.isNaN(b) || a > b || a == b && meanCost(m) < meanCost(best)) {
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
