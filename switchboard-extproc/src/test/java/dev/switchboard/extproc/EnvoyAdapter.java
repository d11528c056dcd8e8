package dev.switchboard.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The client talks to an Envoy whose ext_proc filter points at the router. Envoy cannot be installed here, so this
 * plays its part: it sends the router each phase as Envoy's filter does (request headers, body, response headers,
 * body; in {@code BUFFERED} or {@code STREAMED} chunks), applies every mutation it gets back, routes on
 * {@code x-selected-model} to that model's cluster (one per model, as in deploy/envoy/envoy.yaml), and answers the
 * client with an immediate response where the router gives one.
 */
final class EnvoyAdapter implements Adapter {

    /** Envoy forwards these to the upstream as HTTP/1.1 headers; pseudo-headers and hop-by-hop ones stay behind. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection");
    private static final int CHUNK = 37; // small and odd, so SSE lines and placeholders split across chunks

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int extProcPort;
    private final Map<String, String> clusters;
    private final BodySendMode requestMode;
    private final BodySendMode responseMode;

    /** @param clusters base URL of each model's cluster, by model name */
    EnvoyAdapter(int extProcPort, Map<String, String> clusters, BodySendMode requestMode, BodySendMode responseMode) {
        this.extProcPort = extProcPort;
        this.clusters = clusters;
        this.requestMode = requestMode;
        this.responseMode = responseMode;
    }

    @Override
    public Reply chat(String body, String... extraHeaders) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":method", "POST");
        headers.put(":path", "/v1/chat/completions");
        headers.put(":authority", "switchboard.example");
        headers.put("content-type", "application/json");
        headers.put("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        for (int i = 0; i < extraHeaders.length; i += 2) {
            headers.put(extraHeaders[i].toLowerCase(Locale.ROOT), extraHeaders[i + 1]);
        }
        try (EnvoyCall call = new EnvoyCall(extProcPort, requestMode, responseMode)) {
            ProcessingResponse answer = call.requestHeaders(headers, false);
            if (answer.hasImmediateResponse()) {
                return immediate(answer.getImmediateResponse());
            }
            apply(answer.getRequestHeaders().getResponse().getHeaderMutation(), headers);
            Sent sent = sendBody(call, body.getBytes(StandardCharsets.UTF_8), headers);
            return sent.immediate() != null ? immediate(sent.immediate()) : relay(call, headers, sent.body());
        }
    }

    /** What the filter does with the request: send {@code body} upstream, or answer {@code immediate}ly. */
    private record Sent(byte[] body, ImmediateResponse immediate) {}

    /** Sends the request body as the mode says. */
    private Sent sendBody(EnvoyCall call, byte[] body, Map<String, String> headers) {
        ByteArrayOutputStream upstream = new ByteArrayOutputStream();
        byte[][] chunks = chunks(body, requestMode);
        for (int i = 0; i < chunks.length; i++) {
            ProcessingResponse answer = call.requestBody(chunks[i], i == chunks.length - 1);
            if (answer.hasImmediateResponse()) {
                return new Sent(null, answer.getImmediateResponse());
            }
            CommonResponse common = answer.getRequestBody().getResponse();
            apply(common.getHeaderMutation(), headers);
            upstream.writeBytes(common.hasBodyMutation() ? common.getBodyMutation().getBody().toByteArray()
                    : chunks[i]);
            if (common.getClearRouteCache()) {
                headers.put("x-envoy-route-cleared", "true"); // for the test's eyes only; not forwarded
            }
        }
        return new Sent(upstream.toByteArray(), null);
    }

    /** Routes on x-selected-model, calls the cluster, and passes the answer through the response phases. */
    private Reply relay(EnvoyCall call, Map<String, String> headers, byte[] body) throws Exception {
        assertThat(headers).containsEntry("x-envoy-route-cleared", "true");
        String cluster = clusters.get(headers.get(RequestPhase.SELECTED_MODEL));
        assertThat(cluster).as("a cluster for x-selected-model %s", headers.get(RequestPhase.SELECTED_MODEL))
                .isNotNull();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster + "/chat/completions"))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!name.startsWith(":") && !NOT_FORWARDED.contains(name) && !name.startsWith("x-envoy")) {
                request.header(name, value);
            }
        });
        HttpResponse<byte[]> upstream = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        responseHeaders.put(":status", Integer.toString(upstream.statusCode()));
        upstream.headers().map().forEach((name, values) -> responseHeaders.put(name.toLowerCase(Locale.ROOT),
                values.get(0)));
        ProcessingResponse answer = call.responseHeaders(responseHeaders, false);
        apply(answer.getResponseHeaders().getResponse().getHeaderMutation(), responseHeaders);
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        byte[] received = upstream.body();
        int sent = 0;
        for (byte[] chunk : chunks(received, responseMode)) {
            sent += chunk.length;
            CommonResponse common = call.responseBody(chunk, sent >= received.length).getResponseBody().getResponse();
            client.writeBytes(common.hasBodyMutation() ? common.getBodyMutation().getBody().toByteArray() : chunk);
        }
        int status = Integer.parseInt(responseHeaders.remove(":status"));
        return new Reply(status, responseHeaders, client.toString(StandardCharsets.UTF_8));
    }

    private static byte[][] chunks(byte[] body, BodySendMode mode) {
        if (mode != BodySendMode.STREAMED || body.length <= CHUNK) {
            return new byte[][] {body};
        }
        int count = (body.length + CHUNK - 1) / CHUNK;
        byte[][] chunks = new byte[count][];
        for (int i = 0; i < count; i++) {
            chunks[i] = Arrays.copyOfRange(body, i * CHUNK, Math.min(body.length, (i + 1) * CHUNK));
        }
        return chunks;
    }

    private static void apply(HeaderMutation mutation, Map<String, String> headers) {
        for (HeaderValueOption option : mutation.getSetHeadersList()) {
            headers.put(option.getHeader().getKey(), option.getHeader().getRawValue().toString(StandardCharsets.UTF_8));
        }
        mutation.getRemoveHeadersList().forEach(headers::remove);
    }

    private static Reply immediate(ImmediateResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        apply(response.getHeaders(), headers);
        return new Reply(response.getStatus().getCodeValue(), headers,
                response.getBody().toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Envoy ext_proc (request " + requestMode + ", response " + responseMode + ")";
    }
}
