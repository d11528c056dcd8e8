package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.AdminSettings;
import dev.switchboard.core.config.KeyDigest;
import dev.switchboard.core.config.ServerSettings;
import java.util.Set;

/** Reads the {@code admin} section: the admin listener, its optional bearer token and the dashboard. */
final class AdminReader {

    static final Set<String> ADMIN_KEYS = Set.of("enabled", "host", "port", "token", "dashboard");
    static final Set<String> DASHBOARD_KEYS = Set.of("enabled", "show_prompts");

    private AdminReader() {}

    static AdminSettings read(ConfigNode node, ServerSettings server) {
        AdminSettings defaults = AdminSettings.DEFAULTS;
        node.rejectUnknown(ADMIN_KEYS);
        boolean enabled = node.boolOr("enabled", defaults.enabled());
        String host = node.stringOr("host", defaults.host());
        node.check(!host.isBlank(), "host", "`host` must not be empty", "127.0.0.1 keeps the admin plane local");
        Integer port = node.has("port") ? node.intOr("port", 0) : null;
        if (port != null) {
            node.check(port >= 0 && port <= 65535, "port", "port " + port + " is out of range",
                    "use 1-65535, or 0 for any free port");
            node.check(port == 0 || port != server.port(), "port", "the admin port " + port
                    + " is the API port (server.port)", "the admin plane needs a port of its own, e.g. 8802");
        } else {
            node.check(server.port() != 65535, "port", "the admin port defaults to server.port + 1, which is "
                    + "out of range", "set admin.port");
        }
        KeyDigest token = KeySources.fromValue(node, "token");
        return new AdminSettings(enabled, host, port, token, dashboard(node.object("dashboard")));
    }

    private static AdminSettings.Dashboard dashboard(ConfigNode node) {
        AdminSettings.Dashboard defaults = AdminSettings.Dashboard.DEFAULTS;
        node.rejectUnknown(DASHBOARD_KEYS);
        return new AdminSettings.Dashboard(node.boolOr("enabled", defaults.enabled()),
                node.boolOr("show_prompts", defaults.showPrompts()));
    }
}
