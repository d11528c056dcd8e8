package dev.switchboard.core.selection;

import dev.switchboard.core.encode.Encoding;
import java.util.List;
import java.util.Optional;

/**
 * A trained router: predicts, from the shared encoder's output, how well each model it knows would answer a prompt.
 * Implementations are immutable and thread-safe; a prediction costs microseconds (no encoder pass of its own).
 */
public interface QualityRouter {

    /** The models it predicts for, in the order of {@link Prediction#scores()}. */
    List<String> models();

    /** Each model's typical cost per request (any one unit), in the order of {@link #models()}. */
    double[] costs();

    /**
     * Whether selection may choose model {@code model} (an index into {@link #models()}); a router may leave out
     * models its training data shows are beaten on average by a cheaper or better one. Default: every model.
     */
    default boolean considers(int model) {
        return true;
    }

    /**
     * The predicted scores for this prompt, or empty when the router is unsure (the prompt is unlike anything it
     * was trained on), so that callers fall back to their static order.
     */
    Optional<Prediction> predict(Encoding encoding);

    /**
     * Predicted scores, and how hard the prompt is.
     *
     * @param scores     predicted score in [0, 1] per model, in the order of {@link #models()}
     * @param complexity the probability that the router's small models fail, in [0, 1]
     * @param level      {@code easy}, {@code medium} or {@code hard}, by thresholds learned from the training data
     */
    record Prediction(double[] scores, double complexity, String level) {}
}
