package dev.switchboard.core.config;

/**
 * Listener settings.
 *
 * @param host         address to bind; loopback by default, so exposing the router is a deliberate choice
 * @param port         port to listen on (0 picks a free one)
 * @param maxBodyBytes largest request body accepted; larger gets 413
 */
public record ServerSettings(String host, int port, long maxBodyBytes) {
    public static final ServerSettings DEFAULTS = new ServerSettings("127.0.0.1", 8801, 4L * 1024 * 1024);
}
