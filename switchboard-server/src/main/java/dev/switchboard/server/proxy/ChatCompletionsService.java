package dev.switchboard.server.proxy;

import dev.switchboard.core.adapter.CacheRequestHeaders;
import dev.switchboard.core.adapter.CacheWriter;
import dev.switchboard.core.adapter.CompletionCollector;
import dev.switchboard.core.adapter.LocalAnswers;
import dev.switchboard.core.adapter.PiiRestorer;
import dev.switchboard.core.adapter.RouteHeaders;
import dev.switchboard.core.adapter.SseLines;
import dev.switchboard.core.adapter.UsageReader;
import dev.switchboard.core.adapter.VsrHeaders;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.common.SplitHttpResponse;
import com.linecorp.armeria.common.stream.StreamMessage;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.switchboard.core.guard.pii.RedactionMap;
import dev.switchboard.core.listener.RequestEvents;
import dev.switchboard.core.recording.RequestIds;
import dev.switchboard.core.listener.UpstreamAnswer;
import dev.switchboard.core.pipeline.stage.RequestContext;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.response.Completions;
import dev.switchboard.core.auth.RateLimits;
import dev.switchboard.core.auth.Tenant;
import dev.switchboard.server.api.OpenAiErrors;
import dev.switchboard.server.auth.RequestTenant;
import dev.switchboard.server.auth.TenantGate;
import dev.switchboard.core.pipeline.Planner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code POST /v1/chat/completions}: plans the request with the current pipeline, then answers it itself (fast
 * response) or relays the first target that answers. Streams pass through chunk by chunk; a failure after the
 * stream started ends it with an SSE error event and {@code [DONE]}. Every request is reported to the router's
 * listeners: started, planned, and answered or failed (for a stream, when it ends).
 */
public final class ChatCompletionsService implements HttpService {

    private final LiveRouter router;
    private final Planner planner;
    private final CacheWriter cacheWriter;
    private final RateLimits limits;
    private final TenantGate gate;

    /**
     * @param limits charged with each answer's completion tokens (the prompt estimate is charged on entry); the
     *               router's listeners hear of every charge and refusal
     */
    public ChatCompletionsService(LiveRouter router, Planner planner, CacheWriter cacheWriter, RateLimits limits) {
        this.router = router;
        this.planner = planner;
        this.cacheWriter = cacheWriter;
        this.limits = limits;
        this.gate = new TenantGate(router.listener());
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        boolean debug = "true".equalsIgnoreCase(req.headers().get(VsrHeaders.DEBUG));
        boolean useCache = !"no-cache".equalsIgnoreCase(req.headers().get(VsrHeaders.CACHE_CONTROL));
        RouterRuntime runtime = router.current();
        Requester requester = requester(ctx, req, RequestEvents.start(router.listener()));
        AtomicReference<RoutePlan> planned = new AtomicReference<>();
        // the body is parsed where it is planned, in the tenant's lane: a 4 MiB body must not hold an event loop
        CompletableFuture<HttpResponse> response = req.aggregate()
                .thenCompose(agg -> requester.cancellation().track(planner.plan(runtime.pipeline(),
                        requester.tenant().isAnonymous() ? null : requester.tenant().name(),
                        () -> context(permitted(requester.tenant(), ChatRequest.parse(agg.content().array())
                                .withCacheMinSimilarity(CacheRequestHeaders.minSimilarity(
                                        req.headers().get(CacheRequestHeaders.MIN_SIMILARITY)))),
                                useCache, requester))))
                .thenCompose(plan -> {
                    planned.set(plan);
                    gate.checkDecision(requester.tenant(), plan.decision());
                    return route(runtime, plan, debug, requester, ctx);
                })
                .exceptionally(failure -> failed(failure, planned.get(), requester.events()));
        String requestId = RequestIds.external(requester.events().id());
        return requester.cancellation().bind(HttpResponse.of(response)
                .mapHeaders(h -> h.toBuilder().set(VsrHeaders.REQUEST_ID, requestId).build()));
    }

    private static Requester requester(ServiceRequestContext ctx, HttpRequest req, RequestEvents events) {
        Tenant tenant = RequestTenant.of(ctx);
        return new Requester(tenant, tenant.passesClientKey()
                ? req.headers().get(com.linecorp.armeria.common.HttpHeaderNames.AUTHORIZATION) : null,
                RequestCancellation.of(ctx), events);
    }

    /** The request's context; cache partitions are keyed by its tenant, and anonymous callers share one partition. */
    private static RequestContext context(ChatRequest request, boolean useCache, Requester requester) {
        RequestContext context = RequestContext.of(request, useCache, requester.events());
        return requester.tenant().isAnonymous() ? context : context.tenant(requester.tenant().name());
    }

    private ChatRequest permitted(Tenant tenant, ChatRequest request) {
        gate.checkModel(tenant, request.model());
        return request;
    }

    private CompletableFuture<HttpResponse> route(RouterRuntime runtime, RoutePlan plan, boolean debug,
                                                  Requester requester, ServiceRequestContext ctx) {
        if (plan.path() == ResponsePath.UPSTREAM) {
            return plan.stream() ? relayStream(runtime, plan, debug, requester, ctx)
                    : relayComplete(runtime, plan, debug, requester);
        }
        HttpResponse answer = SseResponses.of(LocalAnswers.of(plan, debug));
        requester.events().answered(plan, null);
        return CompletableFuture.completedFuture(answer);
    }

    private CompletableFuture<HttpResponse> relayComplete(RouterRuntime runtime, RoutePlan plan, boolean debug,
                                                          Requester requester) {
        long sent = System.nanoTime();
        return runtime.caller().complete(plan, requester).thenApply(answered -> {
            AggregatedHttpResponse upstream = answered.response();
            long latency = System.nanoTime() - sent;
            UsageReader usage = new UsageReader();
            usage.readBody(upstream.content().array());
            chargeTenant(requester.tenant(), usage);
            if (upstream.status().code() == 200 && CacheWriter.wants(plan, answered.target())) {
                cacheWriter.store(runtime.pipeline(), plan, upstream.content().array());
            }
            ResponseHeadersBuilder headers = ResponseHeaders.builder(upstream.status())
                    .contentType(contentType(upstream.headers(), MediaType.JSON_UTF_8));
            RedactionMap restorations = plan.restorationsFor(answered.target());
            byte[] content = restorations.isEmpty() ? upstream.content().array()
                    : new PiiRestorer(restorations).restoreCompletion(upstream.content().array());
            requester.events().answered(plan, usage.answer(answered.target(), latency, -1));
            return HttpResponse.of(routeHeaders(headers, plan, answered.target(), debug).build(),
                    HttpData.wrap(content));
        });
    }

    private CompletableFuture<HttpResponse> relayStream(RouterRuntime runtime, RoutePlan plan, boolean debug,
                                                        Requester requester, ServiceRequestContext ctx) {
        long sent = System.nanoTime();
        return runtime.caller().stream(plan, requester).thenApply(answered -> {
            // the stream has started: from here upstream.idle_timeout bounds it, not server.request_timeout
            ctx.clearRequestTimeout();
            SplitHttpResponse upstream = answered.response();
            ResponseHeaders upstreamHeaders = upstream.headers().join();
            boolean cacheable = upstreamHeaders.status().code() == 200 && CacheWriter.wants(plan, answered.target());
            StreamWatch watch = new StreamWatch(plan, answered.target(), requester, sent,
                    cacheable ? completion -> cacheWriter.store(runtime.pipeline(), plan, completion) : null);
            StreamMessage<HttpData> body = runtime.caller().idle(upstream).peek(watch::onChunk);
            RedactionMap restorations = plan.restorationsFor(answered.target());
            if (!restorations.isEmpty()) {
                PiiRestorer restorer = new PiiRestorer(restorations);
                body = body.map(data -> HttpData.wrap(restorer.restoreChunk(data.array())));
            }
            if (upstreamHeaders.status().isSuccess()) {
                body = body.recoverAndResume(cause -> watch.interrupted());
            }
            body.whenComplete().handle((ok, error) -> watch.finish(error));
            ResponseHeadersBuilder headers = ResponseHeaders.builder(upstreamHeaders.status())
                    .contentType(contentType(upstreamHeaders, MediaType.EVENT_STREAM));
            return HttpResponse.of(routeHeaders(headers, plan, answered.target(), debug).build(), body);
        });
    }

    private HttpResponse failed(Throwable failure, RoutePlan plan, RequestEvents events) {
        ApiException error = OpenAiErrors.asApiException(failure);
        events.failed(plan, error.code(), null);
        return OpenAiErrors.toAggregated(error).toHttpResponse();
    }

    private static MediaType contentType(ResponseHeaders headers, MediaType fallback) {
        MediaType type = headers.contentType();
        return type == null ? fallback : type;
    }

    private static ResponseHeadersBuilder routeHeaders(ResponseHeadersBuilder headers, RoutePlan plan,
                                                       RouteTarget target, boolean debug) {
        RouteHeaders.of(plan, target, debug).forEach(headers::set);
        return headers;
    }

    /** Per-stream timing and usage, reported once when the stream ends, however it ends. */
    private final class StreamWatch {
        private static final String INTERRUPTED = "stream_interrupted";
        private final RoutePlan plan;
        private final RouteTarget target;
        private final Requester requester;
        private final long sent;
        private final UsageReader usage = new UsageReader();
        private final CompletionCollector collector;
        private final java.util.function.Consumer<byte[]> cacheStore;
        private final SseLines lines;
        private long firstChunkNanos = -1;
        private volatile boolean interrupted;

        /** @param cacheStore receives the rebuilt completion of a clean stream, or null when not caching */
        StreamWatch(RoutePlan plan, RouteTarget target, Requester requester, long sent,
                    java.util.function.Consumer<byte[]> cacheStore) {
            this.plan = plan;
            this.target = target;
            this.requester = requester;
            this.sent = sent;
            this.cacheStore = cacheStore;
            this.collector = cacheStore == null ? null : new CompletionCollector();
            this.lines = new SseLines(line -> {
                usage.readLine(line);
                if (collector != null) {
                    collector.readLine(line);
                }
            });
        }

        void onChunk(HttpData data) {
            if (firstChunkNanos < 0 && !data.isEmpty()) {
                // TTFT is measured to the first body chunk, as the client experiences it.
                firstChunkNanos = System.nanoTime() - sent;
            }
            lines.feed(data.array());
        }

        Void finish(Throwable error) {
            byte[] completion = error == null && collector != null ? collector.completion() : null;
            if (completion != null) {
                cacheStore.accept(completion);
            }
            chargeTenant(requester.tenant(), usage);
            UpstreamAnswer answer = usage.answer(target, System.nanoTime() - sent, firstChunkNanos);
            if (interrupted) {
                requester.events().failed(plan, INTERRUPTED, answer);
            } else {
                requester.events().answered(plan, answer);
            }
            return null;
        }

        /** The upstream broke off a stream it had begun: the client gets an error event and {@code [DONE]}. */
        StreamMessage<HttpData> interrupted() {
            interrupted = true;
            String error = Completions.streamError("The upstream model stream failed before completion.",
                    "upstream_error", INTERRUPTED);
            return StreamMessage.of(SseResponses.event(error), SseResponses.event("[DONE]"));
        }
    }

    /** Charges the completion to the tenant (its prompt was charged on entry); usage per model is a listener's. */
    private void chargeTenant(Tenant tenant, UsageReader usage) {
        if (usage.found() && !tenant.isAnonymous()) {
            limits.charge(tenant, usage.completionTokens());
            router.listener().tenantCharged(tenant.name(), usage.completionTokens());
        }
    }
}
