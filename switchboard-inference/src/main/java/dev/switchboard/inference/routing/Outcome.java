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
 * @param recorded the encoder embedding a decision record kept, or null for a row from an outcome file (whose
 *                 prompt is embedded when training). Rows from decision records score only the model that answered
 *                 and may have no prompt text.
 */
public record Outcome(String id, String prompt, String category, Map<String, Double> scores,
                      Map<String, Double> costs, Recorded recorded) {

    public Outcome {
        scores = Map.copyOf(scores);
        costs = Map.copyOf(costs);
    }

    /** A row of an outcome file: every model scored, the prompt embedded at training time. */
    public Outcome(String id, String prompt, String category, Map<String, Double> scores,
                   Map<String, Double> costs) {
        this(id, prompt, category, scores, costs, null);
    }

    /** The embedding a decision record kept, and the encoder that made it. */
    public record Recorded(String encoder, float[] embedding) {}

    /** What de-duplication compares: the prompt text, or the record's id when it kept no text. */
    String dedupeKey() {
        return prompt != null ? prompt.strip() : "\0record:" + id;
    }
}
