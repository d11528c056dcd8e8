package dev.switchboard.inference.routing;

import java.util.Map;

/**
 * One recorded prompt and how well each model answered it: a row of an outcome file.
 *
 * @param id       the row's identifier, unique within its file
 * @param prompt   the text the router would see (the latest user message)
 * @param category an optional label (e.g. a benchmark subject), used only by the per-category baseline; may be null
 * @param scores   each model's score in [0, 1] (1 = correct or best)
 * @param costs    each model's cost for this prompt, in any one unit; empty when the file gives none
 */
public record Outcome(String id, String prompt, String category, Map<String, Double> scores,
                      Map<String, Double> costs) {

    public Outcome {
        scores = Map.copyOf(scores);
        costs = Map.copyOf(costs);
    }
}
