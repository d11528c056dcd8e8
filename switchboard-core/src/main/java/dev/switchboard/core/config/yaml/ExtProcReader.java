package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.ExtProcSettings;
import dev.switchboard.core.config.ServerSettings;
import java.util.Set;

/** Reads the {@code extproc} section: the Envoy ext_proc gRPC listener. */
final class ExtProcReader {

    static final Set<String> EXTPROC_KEYS = Set.of("enabled", "host", "port");

    private ExtProcReader() {}

    static ExtProcSettings read(ConfigNode node, ServerSettings server) {
        ExtProcSettings defaults = ExtProcSettings.DEFAULTS;
        node.rejectUnknown(EXTPROC_KEYS);
        boolean enabled = node.boolOr("enabled", defaults.enabled());
        String host = node.stringOr("host", defaults.host());
        node.check(!host.isBlank(), "host", "`host` must not be empty", "127.0.0.1 serves an Envoy on this host");
        int port = node.intOr("port", defaults.port());
        node.check(port >= 0 && port <= 65535, "port", "port " + port + " is out of range",
                "use 1-65535 (Envoy's examples use 50051), or 0 for any free port");
        node.check(port == 0 || port != server.port(), "port", "the ext_proc port " + port
                + " is the API port (server.port)", "the gRPC listener needs a port of its own, e.g. 50051");
        return new ExtProcSettings(enabled, host, port);
    }
}
