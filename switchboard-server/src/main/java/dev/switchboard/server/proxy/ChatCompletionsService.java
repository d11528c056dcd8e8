package dev.switchboard.server.proxy;

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
import dev.switchboard.core.pipeline.ResponsePath;
import dev.switchboard.core.pipeline.RoutePlan;
import dev.switchboard.core.pipeline.RouteTarget;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.response.Completions;
import dev.switchboard.core.signal.MatchedSignal;
import dev.switchboard.server.api.OpenAiErrors;
import dev.switchboard.server.metrics.RouterMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * {@code POST /v1/chat/completions}: plans the request with the current pipeline, then answers it itself (fast
 * response) or relays the first target that answers. Streams pass through chunk by chunk; a failure after the
 * stream started ends it with an SSE error event and {@code [DONE]}.
 */
public final class ChatCompletionsService implements HttpService {

    private final LiveRouter router;
    private final RouterMetrics metrics;
    private final Planner planner;

    public ChatCompletionsService(LiveRouter router, Planner planner) {
        this.router = router;
        this.metrics = router.metrics();
        this.planner = planner;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        boolean debug = "true".equalsIgnoreCase(req.headers().get(VsrHeaders.DEBUG));
        RouterRuntime runtime = router.current();
        CompletableFuture<HttpResponse> response = req.aggregate()
                .thenCompose(agg -> planner.plan(runtime.pipeline(), ChatRequest.parse(agg.content().array())))
                .thenCompose(plan -> route(runtime, plan, debug))
                .exceptionally(this::failed);
        return HttpResponse.of(response);
    }

    private CompletableFuture<HttpResponse> route(RouterRuntime runtime, RoutePlan plan, boolean debug) {
        if (plan.decision() != null) {
            metrics.decisionMatched(plan.decision());
        }
        if (plan.path() == ResponsePath.FAST_RESPONSE) {
            return CompletableFuture.completedFuture(fastResponse(plan, debug));
        }
        return plan.stream() ? relayStream(runtime, plan, debug) : relayComplete(runtime, plan, debug);
    }

    private HttpResponse fastResponse(RoutePlan plan, boolean debug) {
        String model = plan.body().path("model").asText();
        long promptTokens = Completions.estimateTokens(plan.body().path("messages").toString());
        HttpResponse answer = plan.stream()
                ? SseResponses.of(Completions.chunks(model, plan.fastResponse(), "stop", promptTokens))
                : SseResponses.json(Completions.completion(model, plan.fastResponse(), "stop", promptTokens));
        return answer.mapHeaders(h -> routeHeaders(h.toBuilder(), plan, null, debug).build());
    }

    private CompletableFuture<HttpResponse> relayComplete(RouterRuntime runtime, RoutePlan plan, boolean debug) {
        long sent = System.nanoTime();
        return runtime.caller().complete(plan).thenApply(answered -> {
            AggregatedHttpResponse upstream = answered.response();
            String model = answered.target().model().name();
            metrics.modelRequest(model);
            metrics.completionLatency(model, System.nanoTime() - sent);
            UsageReader usage = new UsageReader();
            usage.readBody(upstream.content().array());
            recordUsage(answered.target(), usage);
            ResponseHeadersBuilder headers = ResponseHeaders.builder(upstream.status())
                    .contentType(contentType(upstream.headers(), MediaType.JSON_UTF_8));
            return HttpResponse.of(routeHeaders(headers, plan, answered.target(), debug).build(),
                    upstream.content());
        });
    }

    private CompletableFuture<HttpResponse> relayStream(RouterRuntime runtime, RoutePlan plan, boolean debug) {
        long sent = System.nanoTime();
        return runtime.caller().stream(plan).thenApply(answered -> {
            SplitHttpResponse upstream = answered.response();
            ResponseHeaders upstreamHeaders = upstream.headers().join();
            String model = answered.target().model().name();
            metrics.modelRequest(model);
            StreamWatch watch = new StreamWatch(answered.target(), sent);
            StreamMessage<HttpData> body = runtime.caller().idle(upstream).peek(watch::onChunk);
            if (upstreamHeaders.status().isSuccess()) {
                body = body.recoverAndResume(cause -> streamFailed(model));
            }
            body.whenComplete().handle((ok, error) -> watch.finish());
            ResponseHeadersBuilder headers = ResponseHeaders.builder(upstreamHeaders.status())
                    .contentType(contentType(upstreamHeaders, MediaType.EVENT_STREAM));
            return HttpResponse.of(routeHeaders(headers, plan, answered.target(), debug).build(), body);
        });
    }

    private StreamMessage<HttpData> streamFailed(String model) {
        metrics.requestError(model, "stream_interrupted");
        String error = Completions.streamError("The upstream model stream failed before completion.",
                "upstream_error", "stream_interrupted");
        return StreamMessage.of(SseResponses.event(error), SseResponses.event("[DONE]"));
    }

    private HttpResponse failed(Throwable failure) {
        ApiException error = OpenAiErrors.asApiException(failure);
        metrics.requestError(null, error.code());
        return OpenAiErrors.toAggregated(error).toHttpResponse();
    }

    private static MediaType contentType(ResponseHeaders headers, MediaType fallback) {
        MediaType type = headers.contentType();
        return type == null ? fallback : type;
    }

    private static ResponseHeadersBuilder routeHeaders(ResponseHeadersBuilder headers, RoutePlan plan,
                                                       RouteTarget target, boolean debug) {
        headers.set(VsrHeaders.RESPONSE_PATH, plan.path().headerValue());
        if (plan.decision() != null) {
            headers.set(VsrHeaders.SELECTED_DECISION, plan.decision());
        }
        if (plan.category() != null) {
            headers.set(VsrHeaders.SELECTED_CATEGORY, plan.category());
        }
        if (target != null) {
            headers.set(VsrHeaders.SELECTED_MODEL, target.model().name());
            headers.set(VsrHeaders.SELECTED_REASONING, target.reasoningLabel());
        }
        if (debug) {
            headers.set(VsrHeaders.MATCHED_SIGNALS, plan.signals().all().stream()
                    .map(MatchedSignal::toString).collect(Collectors.joining(",")));
        }
        return headers;
    }

    /** Per-stream timing and usage, recorded once when the stream ends, however it ends. */
    private final class StreamWatch {
        private final RouteTarget target;
        private final long sent;
        private final UsageReader usage = new UsageReader();
        private long firstChunkNanos = -1;

        StreamWatch(RouteTarget target, long sent) {
            this.target = target;
            this.sent = sent;
        }

        void onChunk(HttpData data) {
            if (firstChunkNanos < 0 && !data.isEmpty()) {
                // TTFT is measured to the first body chunk, as the client experiences it.
                firstChunkNanos = System.nanoTime() - sent;
            }
            usage.feed(data.array());
        }

        Void finish() {
            String model = target.model().name();
            if (firstChunkNanos >= 0) {
                metrics.timeToFirstToken(model, firstChunkNanos);
            }
            metrics.completionLatency(model, System.nanoTime() - sent);
            recordUsage(target, usage);
            return null;
        }
    }

    private void recordUsage(RouteTarget target, UsageReader usage) {
        if (usage.found()) {
            metrics.usage(target.model(), usage.promptTokens(), usage.completionTokens());
        }
    }
}
