package dev.switchboard.core.config;

import java.time.Duration;

/**
 * How Switchboard talks to model endpoints.
 *
 * @param connectTimeout   TCP connect timeout per attempt
 * @param firstByteTimeout time allowed from sending the request to the response headers
 * @param idleTimeout      longest silence allowed between two chunks of a response body
 * @param retry            retry policy for retriable failures
 */
public record UpstreamSettings(Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout,
                               RetrySettings retry) {

    public static final UpstreamSettings DEFAULTS = new UpstreamSettings(
            Duration.ofSeconds(3), Duration.ofSeconds(60), Duration.ofSeconds(60), RetrySettings.DEFAULTS);

    /**
     * @param maxAttempts    attempts per model, including the first (1 disables retry)
     * @param initialBackoff delay before the first retry; doubles each retry
     * @param maxBackoff     cap on the delay, also on a {@code Retry-After} the upstream asks for
     * @param retryInFlight  also re-send a request the upstream may already be generating an answer for (it timed
     *                       out, or the connection broke, after the request was sent), on the same model or the
     *                       next; off by default, as that may bill and run the generation twice
     */
    public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                                boolean retryInFlight) {
        public static final RetrySettings DEFAULTS =
                new RetrySettings(3, Duration.ofMillis(100), Duration.ofSeconds(2), false);
    }
}
