package dev.switchboard.core.config;

/**
 * The admin plane: cache administration, Prometheus metrics and the dashboard, on a listener of their own. Read once
 * at start.
 *
 * @param enabled   false serves no admin listener at all
 * @param host      address of the admin listener; loopback by default so only this machine reaches it
 * @param port      its port; null means next to the API port ({@code server.port + 1}, or any free port when
 *                  {@code server.port} is 0)
 * @param token     digest of the admin bearer token, or null for none. When set, every admin request needs it, on
 *                  the admin listener and on the API port (where admin endpoints exist only with a token)
 * @param dashboard the live dashboard under {@code /dashboard}
 */
public record AdminSettings(boolean enabled, String host, Integer port, KeyDigest token, Dashboard dashboard) {

    public static final AdminSettings DEFAULTS = new AdminSettings(true, "127.0.0.1", null, null);

    /** Settings with the default dashboard. */
    public AdminSettings(boolean enabled, String host, Integer port, KeyDigest token) {
        this(enabled, host, port, token, Dashboard.DEFAULTS);
    }

    /**
     * The dashboard (served wherever the admin plane is).
     *
     * @param enabled     false serves no dashboard
     * @param showPrompts true shows the start of each sampled request's latest user message in the live table,
     *                    with personal data masked; false (the default) shows no request text at all
     */
    public record Dashboard(boolean enabled, boolean showPrompts) {
        public static final Dashboard DEFAULTS = new Dashboard(true, false);
    }

    /** The port to bind, given the API listener's settings. */
    public int portFor(ServerSettings server) {
        if (port != null) {
            return port;
        }
        return server.port() == 0 ? 0 : server.port() + 1;
    }
}
