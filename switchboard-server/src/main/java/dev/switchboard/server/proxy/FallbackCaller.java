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
import com.linecorp.armeria.client.ClientRequestContextCaptor;
import com.linecorp.armeria.client.Clients;
import com.linecorp.armeria.common.util.SafeCloseable;
import com.linecorp.armeria.common.ClosedSessionException;
import com.linecorp.armeria.common.StreamTimeoutException;
import com.linecorp.armeria.common.stream.ClosedStreamException;
import dev.switchboard.core.config.UpstreamSettings;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.request.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Tries a plan's targets in order until one answers. A target fails over to the next only where that is safe: its
 * backend (after its own retries) could not connect, or it answered 5xx/429, so nothing is still running upstream.
 * A request that timed out before the first byte, or lost its connection after it was sent, may already be
 * generating; it is re-sent only when {@code upstream.retry.retry_in_flight} says so, and otherwise answered 504
 * (timeout) or 502. Any other status is the answer. When every target fails the client gets one 502 naming each
 * model and why.
 */
final class FallbackCaller {

    /** An attempt the request's cancellation ended (client gone, request timeout), not the upstream. */
    static final String CANCELLED = "cancelled";

    private final Map<String, ModelBackend> backends;
    private final UpstreamSettings settings;

    FallbackCaller(Map<String, ModelBackend> backends, UpstreamSettings settings) {
        this.backends = backends;
        this.settings = settings;
    }

    /** Non-streaming: the whole body is read before answering, so a reset midway is seen before the client is. */
    CompletableFuture<Answered<AggregatedHttpResponse>> complete(RoutePlan plan, Requester requester) {
        return tryFrom(plan, requester, 0, new ArrayList<>(), split -> split.headers().thenCompose(headers ->
                        idle(split).collect().thenApply(chunks -> aggregate(headers, chunks))),
                AggregatedHttpResponse::status);
    }

    /** Streaming: answers as soon as a target's headers arrive; the body is then relayed as it comes. */
    CompletableFuture<Answered<SplitHttpResponse>> stream(RoutePlan plan, Requester requester) {
        return tryFrom(plan, requester, 0, new ArrayList<>(), split -> split.headers().thenApply(h -> split),
                split -> split.headers().join().status());
    }

    /** Why one target did not answer; {@code inFlight} when the upstream may still be working on the request. */
    private record Failure(String reason, boolean inFlight, boolean timedOut) {}

    private <T> CompletableFuture<Answered<T>> tryFrom(RoutePlan plan, Requester requester, int index,
                                                       List<String> failures,
                                                       Function<SplitHttpResponse, CompletableFuture<T>> attempt,
                                                       Function<T, HttpStatus> statusOf) {
        RouteTarget target = plan.targets().get(index);
        RequestCancellation cancellation = requester.cancellation();
        requester.events().attemptStarted(target);
        long start = System.nanoTime();
        SplitHttpResponse split = send(plan, target, requester);
        return attempt.apply(split).handle((result, error) -> {
            Failure failure = failureOf(result, error, statusOf);
            if (failure == null) {
                requester.events().attemptEnded(target, null, System.nanoTime() - start);
                return CompletableFuture.completedFuture(new Answered<>(target, result));
            }
            split.body().abort();
            if (cancellation.cause() != null) {
                // the client left or the request timed out: that, not the upstream, is why the call ended
                requester.events().attemptEnded(target, CANCELLED, System.nanoTime() - start);
                return CompletableFuture.<Answered<T>>failedFuture(cancellation.cause());
            }
            requester.events().attemptEnded(target, error == null ? "upstream_status" : "upstream_failure",
                    System.nanoTime() - start);
            failures.add(target.model().name() + " (" + failure.reason() + ")");
            if (failure.inFlight() && !settings.retry().retryInFlight()) {
                return CompletableFuture.<Answered<T>>failedFuture(notResent(target, failure));
            }
            if (index + 1 < plan.targets().size()) {
                return tryFrom(plan, requester, index + 1, failures, attempt, statusOf);
            }
            return CompletableFuture.<Answered<T>>failedFuture(ApiException.upstream(502,
                    "All candidate models failed: " + String.join(", ", failures) + "."));
        }).thenCompose(Function.identity());
    }

    private static ApiException notResent(RouteTarget target, Failure failure) {
        return ApiException.upstream(failure.timedOut() ? 504 : 502, "The model '" + target.model().name() + "' "
                + failure.reason() + " after the request was sent. It was not re-sent, as the model may still be "
                + "generating an answer (upstream.retry.retry_in_flight is off).");
    }

    /** Sends with the client's Authorization when the tenant passes its own key, within the request's context. */
    private SplitHttpResponse send(RoutePlan plan, RouteTarget target, Requester requester) {
        HttpResponse response;
        try (SafeCloseable current = requester.cancellation().push();
             ClientRequestContextCaptor captor = Clients.newContextCaptor()) {
            response = backends.get(target.model().name()).send(plan, target, requester.upstreamAuthorization());
            requester.cancellation().track(response, captor.getOrNull());
        } catch (RuntimeException e) {
            response = HttpResponse.ofFailure(e);
        }
        return response.timeout(settings.firstByteTimeout(), StreamTimeoutMode.UNTIL_FIRST).split();
    }

    private <T> Failure failureOf(T result, Throwable error, Function<T, HttpStatus> statusOf) {
        if (error != null) {
            return describe(Exceptions.peel(error));
        }
        HttpStatus status = statusOf.apply(result);
        // a status line says the request was handled and is over: the next model can safely have it
        return status.isServerError() || status.code() == 429 ? new Failure(status.toString(), false, false) : null;
    }

    /** A short, fixed phrase for the error: never the exception's own text, which may quote a URL or body. */
    private static Failure describe(Throwable cause) {
        if (cause instanceof StreamTimeoutException || cause instanceof ResponseTimeoutException
                || cause instanceof java.util.concurrent.TimeoutException) {
            return new Failure("timed out", true, true);
        }
        if (cause instanceof UnprocessedRequestException || cause instanceof java.net.ConnectException) {
            return new Failure("connection failed", false, false);
        }
        if (cause instanceof ClosedSessionException || cause instanceof ClosedStreamException) {
            return new Failure("connection reset", true, false);
        }
        return new Failure("upstream error", true, false);
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
