package dev.switchboard.server;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseCompleteException;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.switchboard.core.config.AdminSettings;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.listener.CompositeListener;
import dev.switchboard.core.listener.RouterListener;
import dev.switchboard.core.recording.DecisionRecorder;
import dev.switchboard.server.api.FeedbackService;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.server.api.ClassificationService;
import dev.switchboard.server.api.ExplainService;
import dev.switchboard.server.api.ModelsService;
import dev.switchboard.server.auth.AdminIdentity;
import dev.switchboard.server.dashboard.ConfigSource;
import dev.switchboard.server.dashboard.Dashboard;
import dev.switchboard.server.auth.RequestTenant;
import dev.switchboard.server.api.OpenAiErrors;
import dev.switchboard.server.metrics.MetricsListener;
import dev.switchboard.server.metrics.RouterMetrics;
import dev.switchboard.core.auth.RateLimits;
import dev.switchboard.server.auth.ClientAuthDecorator;
import dev.switchboard.server.edge.ContentDecoding;
import dev.switchboard.server.proxy.ChatCompletionsService;
import dev.switchboard.server.proxy.LiveRouter;
import dev.switchboard.core.pipeline.Planner;
import dev.switchboard.core.adapter.CacheWriter;
import dev.switchboard.core.adapter.RouterHandle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The HTTP face of Switchboard: on the API port the OpenAI-compatible proxy, the classification API, health and
 * readiness, behind client authentication when keys are configured; on the admin listener ({@link AdminPlane}) the
 * cache administration and Prometheus metrics. Server and admin settings (addresses, ports, body limit, admin
 * token, request timeout) are read once at start; everything else, client keys included, follows reloads.
 * Compressed request bodies are decoded (or refused) before any service sees them.
 */
public final class SwitchboardServer implements AutoCloseable {

    /** Answer without a client key: they say only whether the process is alive and ready. */
    private static final Set<String> OPEN_PATHS = Set.of("/health", "/ready");

    private final Server server;
    private final Server adminServer;
    private final LiveRouter router;
    private final ClientFactory clients;
    private final PrometheusMeterRegistry registry;
    private final Planner planner;
    private final CacheWriter cacheWriter = new CacheWriter();
    private final DecisionRecorder recorder; // null when decision records are off
    private final Dashboard dashboard;
    private final RouterHandle handle;

    private SwitchboardServer(SwitchboardConfig config, Function<SwitchboardConfig, RouterPipeline> pipelines,
                              List<RouterListener> listeners) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.clients = ClientFactory.builder()
                .connectTimeout(config.upstream().connectTimeout())
                .idleTimeout(Duration.ofSeconds(60))
                .build();
        RouterMetrics metrics = new RouterMetrics(registry);
        AdminSettings.Dashboard dashboardSettings = config.admin().dashboard();
        this.dashboard = dashboardSettings.enabled() ? new Dashboard(dashboardSettings.showPrompts(),
                c -> reload(c), AdminIdentity::of) : null;
        List<RouterListener> all = new ArrayList<>();
        all.add(new MetricsListener(metrics));
        // read once at start, like the server settings: a reload does not move the records file
        this.recorder = config.routing().decisionRecords().enabled()
                ? DecisionRecorder.open(config.routing().decisionRecords()) : null;
        if (recorder != null) {
            all.add(recorder);
        }
        if (dashboard != null) {
            all.add(dashboard.listener());
        }
        all.addAll(listeners);
        CompositeListener listener = CompositeListener.of(all);
        this.router = new LiveRouter(config, pipelines, clients, listener);
        this.planner = new Planner(config.encoder().sessions(), config.encoder().tenantSessions(),
                config.encoder().tenantQueue(), 1024, listener);
        RateLimits limits = new RateLimits();
        this.handle = new RouterHandle(router::pipeline, planner, listener, cacheWriter, limits);
        ExplainService explain = new ExplainService(router::pipeline, planner);
        AdminPlane admin = new AdminPlane(router::pipeline, registry, dashboard, explain.asService());
        ServerBuilder builder = Server.builder();
        new ClassificationService(router::pipeline, planner).addTo(builder);
        explain.addTo(builder);
        new FeedbackService(recorder).addTo(builder);
        admin.addToApiPort(builder, config.admin());
        Set<String> withoutClientKey = new HashSet<>(OPEN_PATHS);
        withoutClientKey.addAll(AdminPlane.PATHS); // absent (404) or behind the admin token
        // decoding inside authentication: a compressed body costs work only once its sender is known
        builder.decorator(new ContentDecoding(config.server().maxBodyBytes()));
        builder.decorator(new ClientAuthDecorator(() -> router.config().auth(), withoutClientKey, limits, listener));
        this.server = builder
                .port(new InetSocketAddress(config.server().host(), config.server().port()),
                        com.linecorp.armeria.common.SessionProtocol.HTTP)
                .maxRequestLength(config.server().maxBodyBytes())
                // cancels the upstream call and queued ML work too; streams clear it once they start
                .requestTimeout(config.server().requestTimeout())
                // On stop, finish in-flight requests (up to 10s) but wait no extra quiet period.
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(10))
                .errorHandler(new JsonErrors())
                .route().post("/v1/chat/completions")
                .build(new ChatCompletionsService(router, planner, cacheWriter, limits))
                .route().get("/v1/models").build(new ModelsService(router::config,
                        (ctx, model) -> RequestTenant.of(ctx).checkModel(model).isEmpty()))
                .service("/health", (ctx, req) -> json("{\"status\":\"ok\"}"))
                // readiness asks a shared cache store (JDBC): off the event loop
                .service("/ready", (ctx, req) -> HttpResponse.of(() -> json(readiness()), ctx.blockingTaskExecutor()))
                .build();
        this.adminServer = admin.build(config.admin(), config.server(), new JsonErrors());
    }

    /** Starts a server; {@code pipelines} builds the pipeline for each config version (initial and reloads). */
    public static SwitchboardServer start(SwitchboardConfig config,
                                          Function<SwitchboardConfig, RouterPipeline> pipelines) {
        return start(config, pipelines, List.of());
    }

    /**
     * Starts a server whose requests are also told to {@code listeners} (after the Prometheus metrics, in order);
     * a listener that throws is logged once and never fails a request.
     */
    public static SwitchboardServer start(SwitchboardConfig config,
                                          Function<SwitchboardConfig, RouterPipeline> pipelines,
                                          List<RouterListener> listeners) {
        SwitchboardServer s = new SwitchboardServer(config, pipelines, listeners);
        try {
            s.server.start().join();
            if (s.adminServer != null) {
                s.adminServer.start().join();
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    public static SwitchboardServer start(SwitchboardConfig config) {
        return start(config, RouterPipeline::new);
    }

    /** Serves {@code config} from now on; throws, keeping the old config, if it cannot be built. */
    public void reload(SwitchboardConfig config) {
        router.reload(config);
    }

    /**
     * Lets the dashboard's config page show and rewrite {@code source} (the file the router runs from); without
     * it the page shows the config as not editable. No effect when the dashboard is off.
     */
    public void configSource(ConfigSource source) {
        if (dashboard != null) {
            dashboard.configSource(source);
        }
    }

    public int port() {
        return server.activeLocalPort();
    }

    /** The admin listener's port, or -1 when {@code admin.enabled} is false. */
    public int adminPort() {
        return adminServer == null ? -1 : adminServer.activeLocalPort();
    }

    public SwitchboardConfig config() {
        return router.config();
    }

    /** Requests waiting for or running on the ML threads, all tenants together (for tests and metrics). */
    public int mlPending() {
        return planner.pending();
    }

    /** The running router, for another adapter to serve the same pipeline (the Envoy ext_proc service). */
    public RouterHandle handle() {
        return handle;
    }

    /** Ready while the router can serve; a shared cache that is down only degrades it (requests bypass it). */
    private String readiness() {
        boolean cacheDown = router.pipeline().cache().map(c -> !c.store().isHealthy()).orElse(false);
        return cacheDown ? "{\"status\":\"degraded\",\"cache\":\"unavailable\"}" : "{\"status\":\"ready\"}";
    }

    private static HttpResponse json(String body) {
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, body);
    }

    @Override
    public void close() {
        server.stop().join();
        if (adminServer != null) {
            adminServer.stop().join();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        planner.close();
        cacheWriter.close();
        if (recorder != null) {
            recorder.close();
        }
        clients.close();
        registry.close();
    }

    /** Every error Armeria answers itself gets the OpenAI error shape too. */
    private static final class JsonErrors implements ServerErrorHandler {
        @Override
        public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
            if (cause instanceof ResponseCompleteException) {
                return null; // the response already went out; nothing to render, nothing went wrong
            }
            return OpenAiErrors.response(cause);
        }

        @Override
        public AggregatedHttpResponse renderStatus(ServiceRequestContext ctx, ServiceConfig config,
                                                   RequestHeaders headers, HttpStatus status, String description,
                                                   Throwable cause) {
            return OpenAiErrors.forStatus(status, description);
        }
    }
}
