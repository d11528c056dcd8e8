package dev.switchboard.core.pipeline.stage;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import java.util.function.Supplier;

/** Runs the encoder on first use only, so requests whose signals need no ML pay nothing. One request's thread. */
final class EncodeOnce implements Supplier<Encoding> {
    private final TextEncoder encoder;
    private final String text;
    private Encoding result;
    private long nanos;

    EncodeOnce(TextEncoder encoder, String text) {
        this.encoder = encoder;
        this.text = text;
    }

    @Override
    public Encoding get() {
        if (result == null) {
            if (encoder == null) {
                throw new IllegalStateException("an ML signal is configured but no encoder was provided");
            }
            long start = System.nanoTime();
            result = encoder.encode(text);
            nanos = System.nanoTime() - start;
        }
        return result;
    }

    /** True once the encoder ran. */
    boolean done() {
        return result != null;
    }

    /** Time the encoder pass took; 0 before it ran. */
    long nanos() {
        return nanos;
    }
}
