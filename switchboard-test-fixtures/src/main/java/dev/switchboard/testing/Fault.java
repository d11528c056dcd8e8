package dev.switchboard.testing;

import java.time.Duration;

/**
 * What a {@link TestUpstream} does wrong for one request. Faults are queued and each is used once, in order.
 */
public sealed interface Fault {

    /** Answer with an OpenAI-style error of this status (and a Retry-After header in seconds, if ≥ 0). */
    record Status(int status, int retryAfterSeconds) implements Fault {}

    /** Wait this long before sending the response headers. */
    record DelayHeaders(Duration delay) implements Fault {}

    /** Stream this many chunks, then reset the connection. Non-streaming: send half the body, then reset. */
    record ResetAfterChunks(int chunks) implements Fault {}

    /** Stream this many chunks, then go silent without closing. */
    record HangAfterChunks(int chunks) implements Fault {}

    /** Answer normally (stream or not) but end with this {@code finish_reason}, e.g. {@code length}. */
    record FinishReason(String reason) implements Fault {}

    static Fault finishReason(String reason) {
        return new FinishReason(reason);
    }

    static Fault status(int status) {
        return new Status(status, -1);
    }

    static Fault rateLimited(int retryAfterSeconds) {
        return new Status(429, retryAfterSeconds);
    }

    static Fault delayHeaders(Duration delay) {
        return new DelayHeaders(delay);
    }

    static Fault resetAfterChunks(int chunks) {
        return new ResetAfterChunks(chunks);
    }

    static Fault hangAfterChunks(int chunks) {
        return new HangAfterChunks(chunks);
    }
}
