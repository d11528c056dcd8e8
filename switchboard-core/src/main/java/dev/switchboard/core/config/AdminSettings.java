package dev.switchboard.core.config;

/**
 * The admin plane: cache administration and Prometheus metrics, on a listener of their own. Read once at start.
 *
 * @param enabled false serves no admin listener at all
 * @param host    address of the admin listener; loopback by default so only this machine reaches it
 * @param port    its port; null means next to the API port ({@code server.port + 1}, or any free port when
 *                {@code server.port} is 0)
 * @param token   digest of the admin bearer token, or null for none. When set, every admin request needs it, on
 *                the admin listener and on the API port (where admin endpoints exist only with a token)
 */
public record AdminSettings(boolean enabled, String host, Integer port, KeyDigest token) {

    public static final AdminSettings DEFAULTS = new AdminSettings(true, "127.0.0.1", null, null);

    /** The port to bind, given the API listener's settings. */
    public int portFor(ServerSettings server) {
        if (port != null) {
            return port;
        }
        return server.port() == 0 ? 0 : server.port() + 1;
    }
}
