package dev.switchboard.extproc;

import dev.switchboard.core.adapter.CacheWriter;
import dev.switchboard.core.adapter.CompletionCollector;
import dev.switchboard.core.adapter.LocalAnswer;
import dev.switchboard.core.adapter.PiiRestorer;
import dev.switchboard.core.adapter.RouteHeaders;
import dev.switchboard.core.adapter.RouterHandle;
import dev.switchboard.core.adapter.SseLines;
import dev.switchboard.core.adapter.UsageReader;
import dev.switchboard.core.adapter.VsrHeaders;
import dev.switchboard.core.guard.pii.RedactionMap;
import dev.switchboard.core.listener.UpstreamAnswer;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.recording.RequestIds;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * The response half of a routed exchange: adds the {@code x-vsr-*} headers, puts redacted personal data back into
 * the answer (chunk by chunk for a stream, whole for a JSON body), reads usage for metrics and tenant charges, keeps
 * a copy for the cache when the plan asks for one, and tells the listeners how the request ended.
 */
final class ResponsePhase {

    /** A JSON answer larger than this is relayed but not copied for usage or the cache. */
    private static final int MAX_COPY = 8 << 20;

    private final RouterHandle router;
    private final Exchange exchange;
    private final UsageReader usage = new UsageReader();
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private CompletionCollector collector;
    private SseLines lines;
    private PiiRestorer restorer;
    private boolean stream;
    private int status;
    private boolean cacheable;
    private long firstChunkNanos = -1;

    ResponsePhase(RouterHandle router, Exchange exchange) {
        this.router = router;
        this.exchange = exchange;
    }

    ProcessingResponse onHeaders(Map<String, String> headers, boolean endOfStream) {
        RoutePlan plan = exchange.plan;
        status = parseStatus(headers.get(":status"));
        stream = headers.getOrDefault("content-type", "").startsWith(LocalAnswer.EVENT_STREAM_TYPE);
        cacheable = status == 200 && CacheWriter.wants(plan, exchange.target);
        RedactionMap restorations = plan.restorationsFor(exchange.target);
        restorer = restorations.isEmpty() ? null : new PiiRestorer(restorations);
        collector = stream && cacheable ? new CompletionCollector() : null;
        lines = new SseLines(line -> {
            usage.readLine(line);
            if (collector != null) {
                collector.readLine(line);
            }
        });
        Map<String, String> routeHeaders = RouteHeaders.of(plan, exchange.target, exchange.debug());
        // the id POST /api/v1/feedback takes, as the HTTP proxy sends it
        routeHeaders.put(VsrHeaders.REQUEST_ID, RequestIds.external(exchange.events.id()));
        // restored values change the body's length: it must not be announced
        CommonResponse common = CommonResponse.newBuilder().setHeaderMutation(restorer == null
                ? EnvoyMessages.mutation(routeHeaders) : EnvoyMessages.mutation(routeHeaders, "content-length"))
                .build();
        if (endOfStream) {
            finish();
        }
        return EnvoyMessages.responseHeaders(common);
    }

    /** One body message: the whole body (buffered mode) or one chunk (streamed mode). */
    ProcessingResponse onBody(HttpBody chunk) {
        byte[] data = chunk.getBody().toByteArray();
        if (firstChunkNanos < 0 && data.length > 0) {
            firstChunkNanos = System.nanoTime() - exchange.sentNanos; // TTFT as the client experiences it
        }
        CommonResponse common = stream ? onStreamChunk(data) : onJsonChunk(data, chunk.getEndOfStream());
        if (chunk.getEndOfStream()) {
            finish();
        }
        return EnvoyMessages.responseBody(common);
    }

    private CommonResponse onStreamChunk(byte[] data) {
        lines.feed(data);
        return restorer == null ? EnvoyMessages.unchanged() : EnvoyMessages.replaceBody(restorer.restoreChunk(data));
    }

    /** A JSON answer is copied as it passes; with values to restore it is held back and sent whole at the end. */
    private CommonResponse onJsonChunk(byte[] data, boolean last) {
        if (copy.size() + data.length <= MAX_COPY || restorer != null) {
            copy.writeBytes(data);
        }
        if (restorer == null) {
            return EnvoyMessages.unchanged();
        }
        return EnvoyMessages.replaceBody(last ? restorer.restoreCompletion(copy.toByteArray()) : new byte[0]);
    }

    /** The response trailers came: the body (if any) has ended. */
    ProcessingResponse onTrailers() {
        finish();
        return EnvoyMessages.trailers(false);
    }

    /** Stores the answer if the plan caches it, charges the tenant, and tells the listeners. Runs once. */
    void finish() {
        if (exchange.ended) {
            return;
        }
        exchange.ended = true;
        RoutePlan plan = exchange.plan;
        if (!stream) {
            usage.readBody(copy.toByteArray());
        }
        byte[] completion = stream ? (collector == null ? null : collector.completion())
                : (cacheable && copy.size() <= MAX_COPY ? copy.toByteArray() : null);
        if (cacheable && completion != null) {
            router.cacheWriter().store(exchange.pipeline, plan, completion);
        }
        if (usage.found() && !exchange.tenant.isAnonymous()) {
            router.limits().charge(exchange.tenant, usage.completionTokens());
            router.listener().tenantCharged(exchange.tenant.name(), usage.completionTokens());
        }
        long latency = System.nanoTime() - exchange.sentNanos;
        exchange.events.attemptEnded(exchange.target, status >= 500 ? "upstream_status" : null, latency);
        UpstreamAnswer answer = usage.answer(exchange.target, latency, firstChunkNanos);
        if (status >= 500) {
            exchange.events.failed(plan, "upstream_error", answer);
        } else {
            exchange.events.answered(plan, answer);
        }
    }

    /** The stream ended before the response did: a reset failed the request, a clean close answered it. */
    void ended(boolean reset) {
        if (!reset) {
            finish();
        } else if (!exchange.ended) {
            exchange.ended = true;
            exchange.events.attemptEnded(exchange.target, "cancelled", System.nanoTime() - exchange.sentNanos);
            exchange.events.failed(exchange.plan, "stream_interrupted",
                    usage.answer(exchange.target, System.nanoTime() - exchange.sentNanos, firstChunkNanos));
        }
    }

    private static int parseStatus(String status) {
        try {
            return status == null ? 200 : Integer.parseInt(status.trim());
        } catch (NumberFormatException e) {
            return 502;
        }
    }
}
