package dev.switchboard.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.switchboard.core.auth.Tenant;
import dev.switchboard.server.auth.RequestTenant;
import dev.switchboard.server.proxy.RequestCancellation;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.pipeline.Planner;
import dev.switchboard.core.adapter.VsrHeaders;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The dry run, {@code POST /api/v1/route/explain}: takes a chat completion request and answers with what the router
 * would do — signals with scores, decision, chosen model and reasoning, guard verdicts, whether the cache would
 * answer, the tools kept with their scores — without calling any model or storing anything.
 */
public final class ExplainService {

    private final Supplier<RouterPipeline> pipeline;
    private final Planner planner;

    public ExplainService(Supplier<RouterPipeline> pipeline, Planner planner) {
        this.pipeline = pipeline;
        this.planner = planner;
    }

    /** Adds the route to {@code server}. */
    public void addTo(ServerBuilder server) {
        server.route().post("/api/v1/route/explain").build(asService());
    }

    /**
     * The dry run as a service, to mount elsewhere too (the dashboard's playground on the admin plane, where callers
     * have no tenant and plan in the anonymous lane).
     */
    public HttpService asService() {
        return this::explain;
    }

    private HttpResponse explain(ServiceRequestContext ctx, HttpRequest req) {
        boolean useCache = !"no-cache".equalsIgnoreCase(req.headers().get(VsrHeaders.CACHE_CONTROL));
        Tenant tenant = RequestTenant.of(ctx);
        RequestCancellation cancellation = RequestCancellation.of(ctx);
        return HttpResponse.of(req.aggregate()
                .thenCompose(agg -> plan(agg.content().array(), useCache,
                        tenant.isAnonymous() ? null : tenant.name(), cancellation))
                .thenApply(ExplainService::json)
                .exceptionally(OpenAiErrors::response));
    }

    /**
     * Parses and plans {@code body} in {@code tenant}'s lane of the planner (null: the anonymous lane), cancelled
     * with the request: parsing a large or malformed body is the sender's turn, as for chat completions, never an
     * event loop's time.
     */
    private CompletableFuture<ObjectNode> plan(byte[] body, boolean useCache, String tenant,
                                               RequestCancellation cancellation) {
        long start = System.nanoTime();
        RouterPipeline current = pipeline.get();
        // planning only looks the cache up (entries are written after an upstream answer, which never comes here);
        // run, not plan: a dry run is not a routed request and stays out of the routing metrics
        return cancellation.track(planner.run(current, tenant, () -> current.plan(ChatRequest.parse(body), useCache)))
                .thenApply(plan -> PlanJson.of(plan, (System.nanoTime() - start) / 1e6));
    }

    private static HttpResponse json(ObjectNode body) {
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8,
                new String(ChatRequest.toBytes(body), StandardCharsets.UTF_8));
    }
}
