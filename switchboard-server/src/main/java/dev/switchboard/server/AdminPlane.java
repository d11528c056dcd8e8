package dev.switchboard.server;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Route;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServerErrorHandler;
import dev.switchboard.core.config.AdminSettings;
import dev.switchboard.core.config.ServerSettings;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.server.api.CacheAdminService;
import dev.switchboard.server.auth.AdminTokenDecorator;
import dev.switchboard.server.dashboard.Dashboard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin plane: cache administration ({@code /admin/cache}), Prometheus metrics ({@code /metrics}) and the
 * dashboard ({@code /dashboard}, unless {@code admin.dashboard.enabled} is false). It is
 * served on a listener of its own, on loopback by default, and, only when {@code admin.token} is set, also on the
 * API port behind that token. Without a token the API port has no admin endpoint at all (404).
 */
final class AdminPlane {

    /** Paths the admin plane serves; the API port's client authentication leaves them to the admin token. */
    static final Set<String> PATHS = Set.of("/admin/cache", "/metrics", Dashboard.PREFIX, Dashboard.PREFIX + "/");

    private final Supplier<RouterPipeline> pipeline;
    private final PrometheusMeterRegistry registry;
    private final Dashboard dashboard;
    private final HttpService explain;

    /** @param dashboard the dashboard to serve, or null for none; {@code explain} is its playground's dry run */
    AdminPlane(Supplier<RouterPipeline> pipeline, PrometheusMeterRegistry registry, Dashboard dashboard,
               HttpService explain) {
        this.pipeline = pipeline;
        this.registry = registry;
        this.dashboard = dashboard;
        this.explain = explain;
    }

    /** Adds the admin routes to the API listener when a token guards them; otherwise adds nothing. */
    void addToApiPort(ServerBuilder api, AdminSettings admin) {
        if (admin.token() == null) {
            return;
        }
        addRoutes(api);
        AdminTokenDecorator guard = new AdminTokenDecorator(admin.token());
        api.decorator("/admin/cache", guard).decorator("/metrics", guard);
        if (dashboard != null) {
            api.decorator(Dashboard.PREFIX, guard).decorator(Route.builder().pathPrefix(Dashboard.PREFIX + "/")
                    .build(), guard);
        }
    }

    /** Builds the admin listener (not yet started), or returns null when {@code admin.enabled} is false. */
    Server build(AdminSettings admin, ServerSettings server, ServerErrorHandler errors) {
        if (!admin.enabled()) {
            return null;
        }
        ServerBuilder builder = Server.builder()
                .port(new InetSocketAddress(admin.host(), admin.portFor(server)), SessionProtocol.HTTP)
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(2))
                // its own registry for Armeria's server meters: in the API server's, the shared executor's meters
                // would be registered twice (a warning at every start)
                .meterRegistry(new SimpleMeterRegistry())
                .errorHandler(errors)
                .service("/health", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8,
                        "{\"status\":\"ok\"}"));
        addRoutes(builder);
        if (admin.token() != null) {
            builder.decorator(new AdminTokenDecorator(admin.token()));
        }
        return builder.build();
    }

    private void addRoutes(ServerBuilder builder) {
        new CacheAdminService(pipeline).addTo(builder);
        if (dashboard != null) {
            dashboard.addTo(builder, explain);
        }
        // a shared cache store's gauges read its size over JDBC: scrape off the event loop
        builder.service("/metrics", (ctx, req) -> HttpResponse.of(() -> HttpResponse.of(HttpStatus.OK,
                MediaType.parse("text/plain; version=0.0.4; charset=utf-8"), registry.scrape()),
                ctx.blockingTaskExecutor()));
    }
}
