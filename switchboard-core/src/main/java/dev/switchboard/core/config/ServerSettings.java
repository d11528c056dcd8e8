package dev.switchboard.core.config;

import java.time.Duration;

/**
 * Listener settings.
 *
 * @param host                address to bind; loopback by default, so exposing the router is a deliberate choice
 * @param port                port to listen on (0 picks a free one)
 * @param maxBodyBytes        largest request body accepted, also after Content-Encoding is decoded; larger gets 413
 * @param requestTimeout      longest a request may take until its answer is complete (non-streaming) or starts
 *                            (streaming; the stream is then bounded by the upstream idle timeout); zero for none
 * @param shutdownQuietPeriod on stop, how long the server keeps serving normally with {@code /ready} failing, so a
 *                            load balancer stops sending traffic before the port closes
 * @param shutdownTimeout     after the quiet period, the longest in-flight requests and streams get to finish
 */
public record ServerSettings(String host, int port, long maxBodyBytes, Duration requestTimeout,
                             Duration shutdownQuietPeriod, Duration shutdownTimeout) {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_SHUTDOWN_QUIET_PERIOD = Duration.ZERO;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LISTENER_DRAIN_QUIET_PERIOD = Duration.ofMillis(50);
    public static final ServerSettings DEFAULTS =
            new ServerSettings("127.0.0.1", 8801, 4L * 1024 * 1024, DEFAULT_REQUEST_TIMEOUT);

    /** Settings with the default request timeout. */
    public ServerSettings(String host, int port, long maxBodyBytes) {
        this(host, port, maxBodyBytes, DEFAULT_REQUEST_TIMEOUT);
    }

    /** Settings with the default shutdown drain. */
    public ServerSettings(String host, int port, long maxBodyBytes, Duration requestTimeout) {
        this(host, port, maxBodyBytes, requestTimeout, DEFAULT_SHUTDOWN_QUIET_PERIOD, DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /** The same settings on another port. */
    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxBodyBytes, requestTimeout, shutdownQuietPeriod, shutdownTimeout);
    }

    /**
     * The listener's own drain wait, after {@code shutdown_quiet_period}: it waits until no response is pending and
     * none started for this long (or until shutdown_timeout). Kept short because any request, a probe too, restarts
     * it; zero would switch Armeria's draining off altogether, so it is zero only when shutdown_timeout is.
     */
    public Duration listenerDrainQuietPeriod() {
        return shutdownTimeout.compareTo(LISTENER_DRAIN_QUIET_PERIOD) < 0 ? shutdownTimeout : LISTENER_DRAIN_QUIET_PERIOD;
    }
}
