package dev.switchboard.inference;

/**
 * Receives progress of long jobs (embedding a dataset, training epochs, evaluation). Implementations must be cheap
 * and thread-safe; they are called from worker threads.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores all progress. */
    ProgressListener NONE = (phase, done, total) -> {};

    /**
     * @param phase short name of the current phase, e.g. {@code "embed"} or {@code "train epoch 3/40"}
     * @param done  units finished in this phase
     * @param total units in this phase, or {@code -1} if unknown
     */
    void onProgress(String phase, long done, long total);
}
