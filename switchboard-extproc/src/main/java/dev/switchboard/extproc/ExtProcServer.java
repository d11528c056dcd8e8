package dev.switchboard.extproc;

import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.grpc.GrpcService;
import dev.switchboard.core.adapter.RouterHandle;
import dev.switchboard.core.config.ExtProcSettings;
import java.net.InetSocketAddress;
import dev.switchboard.core.config.ServerSettings;
import java.time.Duration;

/**
 * The gRPC listener Envoy's {@code ext_proc} filter talks to (HTTP/2 cleartext), serving the running router's
 * pipeline, and the standard gRPC health service for Envoy's health checks. A stream lives as long as its HTTP request, model answer included, so no request timeout applies here:
 * Envoy's own timeouts and the upstream's bound it.
 */
public final class ExtProcServer implements AutoCloseable {

    /** Room for a request body at the router's limit plus Envoy's framing, and for a buffered answer. */
    private static final int EXTRA_MESSAGE_BYTES = 16 << 20;

    private final Server server;

    private ExtProcServer(Server server) {
        this.server = server;
    }

    /** Starts the listener; {@code router} supplies the pipeline, the ML pool, listeners and limits. */
    public static ExtProcServer start(ExtProcSettings settings, RouterHandle router) {
        int maxMessage = (int) Math.min(Integer.MAX_VALUE,
                router.config().server().maxBodyBytes() + EXTRA_MESSAGE_BYTES);
        ServerSettings drain = router.config().server();
        Server server = Server.builder()
                .port(new InetSocketAddress(settings.host(), settings.port()), SessionProtocol.HTTP)
                .service(GrpcService.builder()
                        .addService(new ExternalProcessorService(router))
                        // grpc.health.v1 for Envoy's cluster health checks: not serving once shutdown starts
                        .enableHealthCheckService(true)
                        .maxRequestMessageLength(maxMessage)
                        .maxResponseMessageLength(maxMessage)
                        .build())
                .requestTimeout(Duration.ZERO)
                .maxRequestLength(0)
                // a zero quiet period would switch Armeria's drain off: streams in flight get shutdown_timeout
                .gracefulShutdownTimeout(drain.listenerDrainQuietPeriod(), drain.shutdownTimeout())
                .build();
        server.start().join();
        return new ExtProcServer(server);
    }

    public int port() {
        return server.activeLocalPort();
    }

    @Override
    public void close() {
        server.stop().join();
    }
}
