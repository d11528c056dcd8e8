package dev.switchboard.core.config;

import java.time.Duration;

/**
 * Listener settings.
 *
 * @param host           address to bind; loopback by default, so exposing the router is a deliberate choice
 * @param port           port to listen on (0 picks a free one)
 * @param maxBodyBytes   largest request body accepted, also after Content-Encoding is decoded; larger gets 413
 * @param requestTimeout longest a request may take until its answer is complete (non-streaming) or starts
 *                       (streaming; the stream is then bounded by the upstream idle timeout); zero for none
 */
public record ServerSettings(String host, int port, long maxBodyBytes, Duration requestTimeout) {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);
    public static final ServerSettings DEFAULTS =
            new ServerSettings("127.0.0.1", 8801, 4L * 1024 * 1024, DEFAULT_REQUEST_TIMEOUT);

    /** Settings with the default request timeout. */
    public ServerSettings(String host, int port, long maxBodyBytes) {
        this(host, port, maxBodyBytes, DEFAULT_REQUEST_TIMEOUT);
    }
}
