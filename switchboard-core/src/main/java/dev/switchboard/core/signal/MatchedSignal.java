package dev.switchboard.core.signal;

/**
 * A fact a signal found about a request.
 *
 * @param type       signal family: {@code keyword}, {@code context_length}, {@code domain}, {@code embedding}, ...
 * @param name       the rule or category that matched
 * @param confidence 1.0 for rule-based signals, the model's score for ML signals
 */
public record MatchedSignal(String type, String name, double confidence) {

    /** {@code type:name}, the form shown in the debug header. */
    @Override
    public String toString() {
        return type + ":" + name;
    }
}
