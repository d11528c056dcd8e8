package dev.switchboard.core.guard;

/**
 * What a guard decided about a request: let it through, let a rewritten copy through (placeholders instead of
 * personal data), or refuse it. Every guard answers with this one type, naming itself and why, so the pipeline,
 * the listeners and the response headers treat all guards alike. A reason names scores, thresholds and types,
 * never the request's content.
 */
public interface GuardVerdict {

    /** What happens to the request. */
    enum Action { ALLOW, REWRITE, BLOCK }

    /** The guard's name, as in the config ({@code jailbreak}, {@code pii}). */
    String guardName();

    Action action();

    /** Why, in words safe to log: scores, thresholds, types; never a value from the request. */
    String reason();

    /** The request ends here with a refusal. */
    default boolean blocks() {
        return action() == Action.BLOCK;
    }
}
