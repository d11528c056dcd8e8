package dev.switchboard.extproc;

import dev.switchboard.core.adapter.LocalAnswers;
import dev.switchboard.core.adapter.RouterHandle;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code Process} stream: Envoy opens one per HTTP request and sends its phases in order (request headers,
 * body, trailers, then the same for the response), each waiting for this side's answer. Dispatches each phase,
 * answers every message exactly once, and never lets a failure end the stream with an error Envoy would turn into a
 * 500 of its own: a failure becomes the client's OpenAI-style error, or leaves the message unchanged.
 */
final class ProcessingStream implements StreamObserver<ProcessingRequest> {

    private static final Logger log = LoggerFactory.getLogger(ProcessingStream.class);

    private final StreamObserver<ProcessingResponse> envoy;
    private final Exchange exchange = new Exchange();
    private final RequestPhase request;
    private final ResponsePhase response;
    private BodySendMode requestBodyMode = BodySendMode.BUFFERED;
    private BodySendMode responseBodyMode = BodySendMode.STREAMED;
    private boolean closed;

    ProcessingStream(RouterHandle router, StreamObserver<ProcessingResponse> envoy) {
        this.envoy = envoy;
        this.request = new RequestPhase(router, exchange);
        this.response = new ResponsePhase(router, exchange);
    }

    @Override
    public void onNext(ProcessingRequest message) {
        if (message.hasProtocolConfig()) {
            // sent by Envoy 1.33+ on the first message; older versions leave it out and we assume BUFFERED
            requestBodyMode = message.getProtocolConfig().getRequestBodyMode();
            responseBodyMode = message.getProtocolConfig().getResponseBodyMode();
        }
        try {
            dispatch(message).whenComplete((answer, failure) -> send(answer != null ? answer
                    : fallback(message, failure)));
        } catch (RuntimeException e) {
            send(fallback(message, e));
        }
    }

    private CompletableFuture<ProcessingResponse> dispatch(ProcessingRequest message) {
        return switch (message.getRequestCase()) {
            case REQUEST_HEADERS -> done(request.onHeaders(headers(message.getRequestHeaders()),
                    message.getRequestHeaders().getEndOfStream(), requestBodyMode, responseBodyMode));
            case REQUEST_BODY -> request.onBody(message.getRequestBody());
            case REQUEST_TRAILERS -> done(request.onTrailers());
            case RESPONSE_HEADERS -> done(exchange.upstream()
                    ? response.onHeaders(headers(message.getResponseHeaders()),
                            message.getResponseHeaders().getEndOfStream())
                    : EnvoyMessages.responseHeaders(EnvoyMessages.unchanged()));
            case RESPONSE_BODY -> done(exchange.upstream() ? response.onBody(message.getResponseBody())
                    : EnvoyMessages.responseBody(EnvoyMessages.unchanged()));
            case RESPONSE_TRAILERS -> done(exchange.upstream() ? response.onTrailers() : EnvoyMessages.trailers(false));
            case REQUEST_NOT_SET -> done(null);
        };
    }

    private static Map<String, String> headers(HttpHeaders headers) {
        return EnvoyMessages.headers(headers.getHeaders());
    }

    private static CompletableFuture<ProcessingResponse> done(ProcessingResponse answer) {
        return CompletableFuture.completedFuture(answer);
    }

    /**
     * What to answer when handling {@code message} failed unexpectedly: before the request went upstream the client
     * gets a 500 in the OpenAI shape; on the response path the message passes unchanged.
     */
    private ProcessingResponse fallback(ProcessingRequest message, Throwable failure) {
        if (failure == null) {
            return null; // an empty message: nothing to answer
        }
        return switch (message.getRequestCase()) {
            case RESPONSE_HEADERS -> {
                log.error("Failed to process response headers; passing them through", failure);
                yield EnvoyMessages.responseHeaders(EnvoyMessages.unchanged());
            }
            case RESPONSE_BODY -> {
                log.error("Failed to process a response body; passing it through", failure);
                yield EnvoyMessages.responseBody(EnvoyMessages.unchanged());
            }
            case RESPONSE_TRAILERS -> EnvoyMessages.trailers(false);
            default -> EnvoyMessages.immediate(LocalAnswers.error(ExtProcErrors.asApiException(failure)), Map.of());
        };
    }

    private synchronized void send(ProcessingResponse answer) {
        if (answer == null || closed) {
            return;
        }
        try {
            envoy.onNext(answer);
        } catch (RuntimeException e) {
            log.debug("Envoy went away before an answer could be sent", e);
        }
    }

    /** Envoy reset the stream: the client went away or the upstream failed. Stop work nobody will read. */
    @Override
    public void onError(Throwable failure) {
        close(true);
    }

    /** Envoy closed its side: the exchange is over. */
    @Override
    public void onCompleted() {
        close(false);
        try {
            envoy.onCompleted();
        } catch (RuntimeException e) {
            log.debug("Envoy went away before the stream was closed", e);
        }
    }

    /**
     * Ends the exchange. A reset is a failure; a clean close after the request went upstream is how Envoy ends a
     * stream whose response phases it does not send (response_header_mode SKIP), so the request was answered.
     */
    private synchronized void close(boolean reset) {
        closed = true;
        if (exchange.planning != null) {
            exchange.planning.cancel(false); // a queued encoder pass never starts
        }
        if (exchange.events == null || exchange.ended) {
            return;
        }
        if (exchange.target != null) {
            response.ended(reset);
        } else {
            exchange.ended = true;
            exchange.events.failed(exchange.plan, "request_cancelled", null);
        }
    }
}
