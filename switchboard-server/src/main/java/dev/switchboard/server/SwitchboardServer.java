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
import dev.switchboard.core.auth.BucketStore;
import dev.switchboard.core.auth.RateLimits;
import dev.switchboard.server.auth.ClientAuthDecorator;
import dev.switchboard.server.edge.ContentDecoding;
import dev.switchboard.server.health.Readiness;
import dev.switchboard.server.health.ReadinessGate;
import dev.switchboard.server.health.SelfCheck;
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
    private final Readiness readiness = new Readiness();
    private final SwitchboardConfig initial;
    private final DecisionRecorder recorder; // null when decision records are off
    private final Dashboard dashboard;
    private final RouterHandle handle;
    private final RateLimits limits;

    private SwitchboardServer(SwitchboardConfig config, Function<SwitchboardConfig, RouterPipeline> pipelines,
                              List<RouterListener> listeners, BucketStore limitStore) {
        this.initial = config;
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
        this.router = new LiveRouter(pipelines, clients, listener); // loaded by start(), once the port is open
        this.planner = new Planner(config.encoder().sessions(), config.encoder().tenantSessions(),
                config.encoder().tenantQueue(), 1024, listener);
        this.limits = new RateLimits(limitStore);
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
        builder.decorator(new ClientAuthDecorator(() -> config().auth(), withoutClientKey, limits, listener));
        builder.decorator(new ReadinessGate(readiness, OPEN_PATHS)); // outermost: nothing is loaded while starting
        this.server = builder
                .port(new InetSocketAddress(config.server().host(), config.server().port()),
                        com.linecorp.armeria.common.SessionProtocol.HTTP)
                .maxRequestLength(config.server().maxBodyBytes())
                // cancels the upstream call and queued ML work too; streams clear it once they start
                .requestTimeout(config.server().requestTimeout())
                .gracefulShutdownTimeout(config.server().listenerDrainQuietPeriod(), config.server().shutdownTimeout())
                .errorHandler(new JsonErrors())
                .route().post("/v1/chat/completions")
                .build(new ChatCompletionsService(router, planner, cacheWriter, limits))
                .route().get("/v1/models").build(new ModelsService(router::config,
                        (ctx, model) -> RequestTenant.of(ctx).checkModel(model).isEmpty()))
                .service("/health", (ctx, req) -> json("{\"status\":\"ok\"}"))
                // readiness asks a shared cache store (JDBC): off the event loop
                .service("/ready", (ctx, req) -> HttpResponse.of(this::readiness, ctx.blockingTaskExecutor()))
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
        return start(config, pipelines, listeners, BucketStore.memory());
    }

    /**
     * Starts a server whose tenants' rate limits and budgets are kept in {@code limitStore} (one shared by the
     * replicas, say); the server closes it when it closes.
     */
    public static SwitchboardServer start(SwitchboardConfig config,
                                          Function<SwitchboardConfig, RouterPipeline> pipelines,
                                          List<RouterListener> listeners, BucketStore limitStore) {
        SwitchboardServer s = new SwitchboardServer(config, pipelines, listeners, limitStore);
        try {
            s.server.start().join(); // /health answers and /ready says "starting" while the models load
            s.load(config);
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

    /** Builds the first pipeline (loading the encoder and heads), checks it on a known prompt, then is ready. */
    private void load(SwitchboardConfig config) {
        router.reload(config);
        SelfCheck.problem(router.pipeline()).ifPresent(problem -> {
            throw new IllegalStateException("Self-check failed, not serving: " + problem);
        });
        readiness.ready();
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

    /** The config now serving (the one being loaded, while starting). */
    public SwitchboardConfig config() {
        return readiness.serving() ? router.config() : initial;
    }

    /** Requests waiting for or running on the ML threads, all tenants together (for tests and metrics). */
    public int mlPending() {
        return planner.pending();
    }

    /** The running router, for another adapter to serve the same pipeline (the Envoy ext_proc service). */
    public RouterHandle handle() {
        return handle;
    }

    /**
     * 503 while starting (models loading, self-check pending) and while draining; 200 once ready. A shared cache
     * that is down only degrades the router (requests bypass it), so it stays in the load balancer.
     */
    private HttpResponse readiness() {
        Readiness.State state = readiness.state();
        if (state != Readiness.State.READY) {
            String status = state.name().toLowerCase(java.util.Locale.ROOT);
            return HttpResponse.of(HttpStatus.SERVICE_UNAVAILABLE, MediaType.JSON_UTF_8,
                    "{\"status\":\"" + status + "\"}");
        }
        boolean cacheDown = router.pipeline().cache().map(c -> !c.store().isHealthy()).orElse(false);
        return json(cacheDown ? "{\"status\":\"degraded\",\"cache\":\"unavailable\"}" : "{\"status\":\"ready\"}");
    }

    private static void pause(Duration quietPeriod) {
        try {
            Thread.sleep(quietPeriod.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop now: the drain below still lets in-flight work finish
        }
    }

    private static HttpResponse json(String body) {
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, body);
    }

    /**
     * Starts the shutdown: {@code /ready} fails at once, then the router keeps serving for
     * {@code server.shutdown_quiet_period} so load balancers take it out. {@link #close()} does this first; a
     * process with another listener (Envoy's ext_proc) calls it before stopping that one. Runs once.
     */
    public synchronized void drain() {
        Readiness.State state = readiness.state();
        if (state == Readiness.State.DRAINING) {
            return;
        }
        readiness.draining();
        if (state == Readiness.State.READY) { // none sent traffic otherwise
            pause(initial.server().shutdownQuietPeriod());
        }
    }

    @Override
    public void close() {
        drain();
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
        limits.close();
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
