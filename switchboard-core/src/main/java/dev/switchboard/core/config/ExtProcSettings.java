package dev.switchboard.core.config;

/**
 * The Envoy external processing ({@code ext_proc}) gRPC listener: a second way into the same pipeline, for
 * deployments where Envoy (or an Envoy-based gateway) fronts the models. Read once at start.
 *
 * @param enabled false serves no ext_proc listener
 * @param host    address to bind; loopback by default (Envoy as a sidecar on the same host)
 * @param port    its port (0 picks a free one)
 */
public record ExtProcSettings(boolean enabled, String host, int port) {

    public static final ExtProcSettings DEFAULTS = new ExtProcSettings(false, "127.0.0.1", 50051);
}
