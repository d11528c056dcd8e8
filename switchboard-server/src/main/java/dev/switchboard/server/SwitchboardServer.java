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
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.listener.CompositeListener;
import dev.switchboard.core.listener.RouterListener;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.server.api.ClassificationService;
import dev.switchboard.server.api.ModelsService;
import dev.switchboard.server.api.OpenAiErrors;
import dev.switchboard.server.metrics.MetricsListener;
import dev.switchboard.server.metrics.RouterMetrics;
import dev.switchboard.server.api.CacheAdminService;
import dev.switchboard.server.proxy.CacheWriter;
import dev.switchboard.server.proxy.ChatCompletionsService;
import dev.switchboard.server.proxy.LiveRouter;
import dev.switchboard.server.planning.Planner;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The HTTP face of Switchboard on one port: the OpenAI-compatible proxy, health and readiness, and Prometheus
 * metrics. Server settings (address, port, body limit) are read once at start; everything else follows reloads.
 */
public final class SwitchboardServer implements AutoCloseable {

    private final Server server;
    private final LiveRouter router;
    private final ClientFactory clients;
    private final PrometheusMeterRegistry registry;
    private final Planner planner;
    private final CacheWriter cacheWriter = new CacheWriter();

    private SwitchboardServer(SwitchboardConfig config, Function<SwitchboardConfig, RouterPipeline> pipelines,
                              List<RouterListener> listeners) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.clients = ClientFactory.builder()
                .connectTimeout(config.upstream().connectTimeout())
                .idleTimeout(Duration.ofSeconds(60))
                .build();
        List<RouterListener> all = new ArrayList<>();
        all.add(new MetricsListener(new RouterMetrics(registry)));
        all.addAll(listeners);
        CompositeListener listener = CompositeListener.of(all);
        this.router = new LiveRouter(config, pipelines, clients, listener);
        this.planner = new Planner(config.encoder().sessions(), 1024, listener);
        ServerBuilder builder = Server.builder();
        new ClassificationService(router::pipeline, planner).addTo(builder);
        new CacheAdminService(router::pipeline).addTo(builder);
        this.server = builder
                .port(new InetSocketAddress(config.server().host(), config.server().port()),
                        com.linecorp.armeria.common.SessionProtocol.HTTP)
                .maxRequestLength(config.server().maxBodyBytes())
                .requestTimeout(Duration.ZERO) // long generations are normal; upstream timeouts bound them
                // On stop, finish in-flight requests (up to 10s) but wait no extra quiet period.
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(10))
                .errorHandler(new JsonErrors())
                .route().post("/v1/chat/completions").build(new ChatCompletionsService(router, planner, cacheWriter))
                .route().get("/v1/models").build(new ModelsService(router::config))
                .service("/health", (ctx, req) -> json("{\"status\":\"ok\"}"))
                .service("/ready", (ctx, req) -> json(readiness()))
                .service("/metrics", (ctx, req) -> HttpResponse.of(HttpStatus.OK,
                        MediaType.parse("text/plain; version=0.0.4; charset=utf-8"), registry.scrape()))
                .build();
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
        s.server.start().join();
        return s;
    }

    public static SwitchboardServer start(SwitchboardConfig config) {
        return start(config, RouterPipeline::new);
    }

    /** Serves {@code config} from now on; throws, keeping the old config, if it cannot be built. */
    public void reload(SwitchboardConfig config) {
        router.reload(config);
    }

    public int port() {
        return server.activeLocalPort();
    }

    public SwitchboardConfig config() {
        return router.config();
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
        planner.close();
        cacheWriter.close();
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
