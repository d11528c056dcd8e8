package dev.switchboard.server.proxy;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.SplitHttpResponse;
import com.linecorp.armeria.common.stream.StreamTimeoutMode;
import com.linecorp.armeria.common.util.Exceptions;
import com.linecorp.armeria.client.ResponseTimeoutException;
import com.linecorp.armeria.client.UnprocessedRequestException;
import com.linecorp.armeria.common.ClosedSessionException;
import com.linecorp.armeria.common.StreamTimeoutException;
import com.linecorp.armeria.common.stream.ClosedStreamException;
import dev.switchboard.core.config.UpstreamSettings;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.listener.RequestEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Tries a plan's targets in order until one answers. A target fails over to the next when its backend (after its
 * own retries) throws, times out before the first byte, or answers 5xx/429; any other status is the answer. When
 * every target fails the client gets one 502 naming each model and why.
 */
final class FallbackCaller {

    private final Map<String, ModelBackend> backends;
    private final UpstreamSettings settings;

    FallbackCaller(Map<String, ModelBackend> backends, UpstreamSettings settings) {
        this.backends = backends;
        this.settings = settings;
    }

    /** Non-streaming: the whole body is read before answering, so a reset midway still fails over. */
    CompletableFuture<Answered<AggregatedHttpResponse>> complete(RoutePlan plan, RequestEvents events) {
        return tryFrom(plan, events, 0, new ArrayList<>(), split -> split.headers().thenCompose(headers ->
                        idle(split).collect().thenApply(chunks -> aggregate(headers, chunks))),
                AggregatedHttpResponse::status);
    }

    /** Streaming: answers as soon as a target's headers arrive; the body is then relayed as it comes. */
    CompletableFuture<Answered<SplitHttpResponse>> stream(RoutePlan plan, RequestEvents events) {
        return tryFrom(plan, events, 0, new ArrayList<>(), split -> split.headers().thenApply(h -> split),
                split -> split.headers().join().status());
    }

    private <T> CompletableFuture<Answered<T>> tryFrom(RoutePlan plan, RequestEvents events, int index,
                                                       List<String> failures,
                                                       Function<SplitHttpResponse, CompletableFuture<T>> attempt,
                                                       Function<T, HttpStatus> statusOf) {
        RouteTarget target = plan.targets().get(index);
        events.attemptStarted(target);
        long start = System.nanoTime();
        SplitHttpResponse split = send(plan, target);
        return attempt.apply(split).handle((result, error) -> {
            String failure = failureOf(result, error, statusOf);
            if (failure == null) {
                events.attemptEnded(target, null, System.nanoTime() - start);
                return CompletableFuture.completedFuture(new Answered<>(target, result));
            }
            split.body().abort();
            events.attemptEnded(target, error == null ? "upstream_status" : "upstream_failure",
                    System.nanoTime() - start);
            failures.add(target.model().name() + " (" + failure + ")");
            if (index + 1 < plan.targets().size()) {
                return tryFrom(plan, events, index + 1, failures, attempt, statusOf);
            }
            return CompletableFuture.<Answered<T>>failedFuture(ApiException.upstream(502,
                    "All candidate models failed: " + String.join(", ", failures) + "."));
        }).thenCompose(Function.identity());
    }

    private SplitHttpResponse send(RoutePlan plan, RouteTarget target) {
        HttpResponse response;
        try {
            response = backends.get(target.model().name()).send(plan, target);
        } catch (RuntimeException e) {
            response = HttpResponse.ofFailure(e);
        }
        return response.timeout(settings.firstByteTimeout(), StreamTimeoutMode.UNTIL_FIRST).split();
    }

    private <T> String failureOf(T result, Throwable error, Function<T, HttpStatus> statusOf) {
        if (error != null) {
            return describe(Exceptions.peel(error));
        }
        HttpStatus status = statusOf.apply(result);
        return status.isServerError() || status.code() == 429 ? status.toString() : null;
    }

    /** A short, fixed phrase for the 502 message: never the exception's own text, which may quote a URL or body. */
    private static String describe(Throwable cause) {
        if (cause instanceof StreamTimeoutException || cause instanceof ResponseTimeoutException
                || cause instanceof java.util.concurrent.TimeoutException) {
            return "timed out";
        }
        if (cause instanceof UnprocessedRequestException || cause instanceof java.net.ConnectException) {
            return "connection failed";
        }
        if (cause instanceof ClosedSessionException || cause instanceof ClosedStreamException) {
            return "connection reset";
        }
        return "upstream error";
    }

    /** The body of an answer, failing if the upstream goes silent longer than the idle timeout. */
    com.linecorp.armeria.common.stream.StreamMessage<HttpData> idle(SplitHttpResponse split) {
        return split.body().timeout(settings.idleTimeout(), StreamTimeoutMode.UNTIL_NEXT);
    }

    private static AggregatedHttpResponse aggregate(ResponseHeaders headers, List<HttpData> chunks) {
        int size = chunks.stream().mapToInt(HttpData::length).sum();
        byte[] all = new byte[size];
        int at = 0;
        for (HttpData chunk : chunks) {
            System.arraycopy(chunk.array(), 0, all, at, chunk.length());
            at += chunk.length();
        }
        return AggregatedHttpResponse.of(headers, HttpData.wrap(all));
    }
}
