package dev.switchboard.core.encode;

/**
 * One transformer forward pass over a text. The pipeline calls it at most once per request and every ML signal
 * (domain, jailbreak, PII, embedding rules, cache key) reads the returned {@link Encoding}.
 *
 * <p>Implementations must be thread-safe; they are called from a bounded executor, never from an event loop.
 */
public interface TextEncoder extends AutoCloseable {

    /** Encodes {@code text}; never returns null. Long texts follow the implementation's documented rule. */
    Encoding encode(String text);

    /** A stable identifier of the model (e.g. {@code bge-small-en-v1.5-int8}); heads trained for another are refused. */
    String modelId();

    /** Width of {@link Encoding#embedding()} and of every token state. */
    int dimension();

    @Override
    default void close() {}
}
