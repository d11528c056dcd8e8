package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.ClosedSessionException;
import com.linecorp.armeria.common.stream.ClosedStreamException;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OpenAI-compatible chat completions server on a loopback port, standing in for a GPU-served LLM in tests
 * and benchmarks. It answers {@code "<name> says: <last user text>"}, non-streaming or as SSE chunks (one per word)
 * with usage, records every request it receives, and misbehaves on demand through queued {@link Fault}s.
 */
public final class TestUpstream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Server server;
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private volatile Duration chunkDelay = Duration.ZERO;

    private TestUpstream(String name, int port) {
        this.name = name;
        this.server = Server.builder()
                .http(port)
                .requestTimeout(Duration.ZERO)
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO)
                .service("/v1/chat/completions", (ctx, req) -> HttpResponse.of(
                        req.aggregate().thenApply(agg -> respond(ctx, agg))))
                .service("/v1/models", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.JSON,
                        "{\"object\":\"list\",\"data\":[{\"id\":\"" + name + "\",\"object\":\"model\"}]}"))
                .build();
        server.start().join();
    }

    /** Starts an upstream on an ephemeral loopback port. */
    public static TestUpstream start(String name) {
        return new TestUpstream(name, 0);
    }

    /** Starts an upstream on a fixed port (benchmarks). */
    public static TestUpstream start(String name, int port) {
        return new TestUpstream(name, port);
    }

    /** Base URL including {@code /v1}, as a model endpoint is configured. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.activeLocalPort() + "/v1";
    }

    public int port() {
        return server.activeLocalPort();
    }

    /** Queues faults for the next requests, one each. */
    public TestUpstream enqueue(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    /** Delay between streamed chunks. */
    public TestUpstream chunkDelay(Duration delay) {
        this.chunkDelay = delay;
        return this;
    }

    /** Request bodies received so far, in order. */
    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** The Authorization header of the last request ("" if none). */
    public String lastAuthorization() {
        return authorizations.get(authorizations.size() - 1);
    }

    public JsonNode lastRequest() {
        return received.get(received.size() - 1);
    }

    /** Requests received, including the ones answered with a fault. */
    public int hits() {
        return hits.get();
    }

    /** Requests whose caller went away before the response was complete. */
    public int cancelled() {
        return cancelled.get();
    }

    public void reset() {
        cancelled.set(0);
        faults.clear();
        received.clear();
        authorizations.clear();
        hits.set(0);
        chunkDelay = Duration.ZERO;
    }

    private HttpResponse respond(ServiceRequestContext ctx, AggregatedHttpRequest req) {
        hits.incrementAndGet();
        // the caller (the router) gave up on this request: reset the stream (HTTP/2) or closed the connection
        // (HTTP/1.1) before the end; injected faults end responses too, but with their own exception
        java.util.concurrent.atomic.AtomicBoolean counted = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable count = () -> {
            if (counted.compareAndSet(false, true)) {
                cancelled.incrementAndGet();
            }
        };
        ctx.whenRequestCancelled().thenRun(count);
        ctx.log().whenComplete().thenAccept(log -> {
            Throwable cause = log.responseCause();
            if (cause instanceof ClosedSessionException || cause instanceof ClosedStreamException) {
                count.run();
            }
        });
        JsonNode body;
        try {
            body = JSON.readTree(req.contentUtf8());
        } catch (Exception e) {
            return error(400, "bad json", -1);
        }
        received.add(body);
        authorizations.add(req.headers().get("authorization", ""));
        Fault fault = faults.poll();
        if (fault instanceof Fault.Status s) {
            return error(s.status(), "injected failure", s.retryAfterSeconds());
        }
        String text = name + " says: " + lastUserText(body);
        HttpResponse response = body.path("stream").asBoolean()
                ? Sse.stream(ctx, body.path("model").asText(), text, fault, chunkDelay)
                : complete(ctx, body.path("model").asText(), text, fault);
        if (fault instanceof Fault.DelayHeaders d) {
            return HttpResponse.delayed(response, d.delay());
        }
        return response;
    }

    private static HttpResponse complete(ServiceRequestContext ctx, String model, String text, Fault fault) {
        String json = Sse.completion(model, text);
        if (!(fault instanceof Fault.ResetAfterChunks) && !(fault instanceof Fault.HangAfterChunks)) {
            return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, json);
        }
        HttpResponseWriter writer = HttpResponse.streaming();
        writer.write(ResponseHeaders.of(HttpStatus.OK, HttpHeaderNames.CONTENT_TYPE, MediaType.JSON_UTF_8));
        writer.write(HttpData.ofUtf8(json.substring(0, json.length() / 2)));
        if (fault instanceof Fault.ResetAfterChunks) {
            ctx.eventLoop().schedule(() -> writer.abort(new IllegalStateException("injected reset")),
                    50, TimeUnit.MILLISECONDS);
        }
        return writer;
    }

    static HttpResponse error(int status, String message, int retryAfterSeconds) {
        ObjectNode err = JSON.createObjectNode();
        err.putObject("error").put("message", message).put("type", "server_error").put("code", status);
        var headers = ResponseHeaders.builder(status).contentType(MediaType.JSON_UTF_8);
        if (retryAfterSeconds >= 0) {
            headers.add(HttpHeaderNames.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        return HttpResponse.of(headers.build(), HttpData.ofUtf8(err.toString()));
    }

    private static String lastUserText(JsonNode body) {
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) {
                JsonNode c = m.path("content");
                return c.isTextual() ? c.asText() : c.path(0).path("text").asText();
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop().join();
    }
}
