package dev.switchboard.extproc;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpTrailers;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProtocolConfiguration;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One {@code Process} stream as Envoy opens it, driven message by message: what a test sends is what Envoy's
 * ext_proc filter sends (header values in {@code raw_value}, the protocol configuration on the first message), and
 * each answer is awaited as Envoy awaits it.
 */
final class EnvoyCall implements AutoCloseable {

    private static final Object COMPLETED = new Object();

    private final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final StreamObserver<ProcessingRequest> requests;
    private boolean first = true;
    private final ProtocolConfiguration protocol;

    EnvoyCall(int port, BodySendMode requestBody, BodySendMode responseBody) {
        ExternalProcessorGrpc.ExternalProcessorStub stub = GrpcClients.newClient("http://127.0.0.1:" + port,
                ExternalProcessorGrpc.ExternalProcessorStub.class);
        this.protocol = ProtocolConfiguration.newBuilder().setRequestBodyMode(requestBody)
                .setResponseBodyMode(responseBody).build();
        this.requests = stub.process(new StreamObserver<>() {
            @Override
            public void onNext(ProcessingResponse value) {
                received.add(value);
            }

            @Override
            public void onError(Throwable t) {
                received.add(t);
            }

            @Override
            public void onCompleted() {
                received.add(COMPLETED);
            }
        });
    }

    ProcessingResponse requestHeaders(Map<String, String> headers, boolean endOfStream) {
        return send(ProcessingRequest.newBuilder().setRequestHeaders(HttpHeaders.newBuilder()
                .setHeaders(headerMap(headers)).setEndOfStream(endOfStream)));
    }

    ProcessingResponse requestBody(byte[] body, boolean endOfStream) {
        return send(ProcessingRequest.newBuilder().setRequestBody(HttpBody.newBuilder()
                .setBody(ByteString.copyFrom(body)).setEndOfStream(endOfStream)));
    }

    ProcessingResponse requestTrailers(Map<String, String> trailers) {
        return send(ProcessingRequest.newBuilder().setRequestTrailers(HttpTrailers.newBuilder()
                .setTrailers(headerMap(trailers))));
    }

    ProcessingResponse responseHeaders(Map<String, String> headers, boolean endOfStream) {
        return send(ProcessingRequest.newBuilder().setResponseHeaders(HttpHeaders.newBuilder()
                .setHeaders(headerMap(headers)).setEndOfStream(endOfStream)));
    }

    ProcessingResponse responseBody(byte[] body, boolean endOfStream) {
        return send(ProcessingRequest.newBuilder().setResponseBody(HttpBody.newBuilder()
                .setBody(ByteString.copyFrom(body)).setEndOfStream(endOfStream)));
    }

    ProcessingResponse responseTrailers(Map<String, String> trailers) {
        return send(ProcessingRequest.newBuilder().setResponseTrailers(HttpTrailers.newBuilder()
                .setTrailers(headerMap(trailers))));
    }

    private ProcessingResponse send(ProcessingRequest.Builder message) {
        if (first) {
            message.setProtocolConfig(protocol);
            first = false;
        }
        requests.onNext(message.build());
        Object next = next();
        if (next instanceof ProcessingResponse response) {
            return response;
        }
        throw new AssertionError("expected an answer, got " + next);
    }

    private Object next() {
        try {
            Object next = received.poll(20, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("no answer from the ext_proc service");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Envoy resets the stream (the client went away mid-request). */
    void reset() {
        requests.onError(new IllegalStateException("downstream reset"));
    }

    /** Envoy closes its side after the exchange; the service closes its own. */
    boolean closeAndAwait() {
        requests.onCompleted();
        return next() == COMPLETED;
    }

    @Override
    public void close() {
        try {
            requests.onCompleted();
        } catch (RuntimeException e) {
            // already closed or reset
        }
    }

    static HeaderMap headerMap(Map<String, String> headers) {
        HeaderMap.Builder map = HeaderMap.newBuilder();
        headers.forEach((name, value) -> map.addHeaders(HeaderValue.newBuilder().setKey(name)
                .setRawValue(ByteString.copyFromUtf8(value))));
        return map.build();
    }
}
