package dev.switchboard.bench;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.extproc.ExtProcServer;
import dev.switchboard.server.SwitchboardServer;
import dev.switchboard.testing.TestUpstream;
import io.envoyproxy.envoy.config.core.v3.HeaderMap;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Latency the router adds to a chat completion, through its HTTP proxy and through Envoy's ext_proc filter, against
 * calling the model directly; the three paths take turns request by request, so they share the machine's noise.
 * The ext_proc path is played as Envoy plays it (request headers, buffered body, response headers, body, each
 * awaited), with the model called directly in between: it measures the round trips Envoy waits on, not Envoy's own
 * forwarding, which a real deployment adds. The test upstream answers at once, so every difference is router cost.
 *
 * <pre>java -cp switchboard-cli/target/switchboard.jar:switchboard-bench/target/classes:\
 * switchboard-test-fixtures/target/classes dev.switchboard.bench.ExtProcBench [requests]</pre>
 */
public final class ExtProcBench {

    private static final String BODY = "{\"model\":\"auto\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"benchmark request: reply with one short sentence about load testing\"}]}";

    private ExtProcBench() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        try (TestUpstream upstream = TestUpstream.start("m");
             SwitchboardServer router = SwitchboardServer.start(ConfigLoader.parse("""
                     server: {host: 127.0.0.1, port: 0}
                     routing: {default_model: m}
                     models: [{name: m, endpoints: [{url: "%s"}]}]
                     signals: {keywords: [{name: bench, keywords: [benchmark]}]}
                     decisions:
                       - name: bench
                         rules: {type: keyword, name: bench}
                         model_refs: [{model: m}]
                         plugins: [{type: system_prompt, system_prompt: "You answer briefly."}]
                     """.formatted(upstream.baseUrl()), "bench.yaml"));
             ExtProcServer extProc = ExtProcServer.start(
                     new dev.switchboard.core.config.ExtProcSettings(true, "127.0.0.1", 0), router.handle())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI direct = URI.create(upstream.baseUrl() + "/chat/completions");
            URI proxy = URI.create("http://127.0.0.1:" + router.port() + "/v1/chat/completions");
            ExternalProcessorGrpc.ExternalProcessorStub envoy = GrpcClients.newClient(
                    "http://127.0.0.1:" + extProc.port(), ExternalProcessorGrpc.ExternalProcessorStub.class);
            double[][] warm = run(requests / 3, http, direct, proxy, envoy);
            double[][] ms = run(requests, http, direct, proxy, envoy);
            report(ms, warm[0].length);
        }
        System.exit(0);
    }

    /** {direct, proxy, ext_proc, ext_proc's own round trips} per request, in milliseconds. */
    private static double[][] run(int requests, HttpClient http, URI direct, URI proxy,
                                  ExternalProcessorGrpc.ExternalProcessorStub envoy) throws Exception {
        double[][] ms = new double[4][requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            post(http, direct, BODY.getBytes());
            ms[0][i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            post(http, proxy, BODY.getBytes());
            ms[1][i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            double grpc = throughEnvoy(http, direct, envoy);
            ms[2][i] = (System.nanoTime() - start) / 1e6;
            ms[3][i] = grpc;
        }
        return ms;
    }

    /** One request as Envoy sends it through the filter; returns the milliseconds spent waiting on ext_proc. */
    private static double throughEnvoy(HttpClient http, URI direct, ExternalProcessorGrpc.ExternalProcessorStub stub)
            throws Exception {
        LinkedBlockingQueue<ProcessingResponse> answers = new LinkedBlockingQueue<>();
        StreamObserver<ProcessingRequest> envoy = stub.process(new StreamObserver<>() {
            @Override
            public void onNext(ProcessingResponse value) {
                answers.add(value);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        });
        long waited = 0;
        long start = System.nanoTime();
        envoy.onNext(ProcessingRequest.newBuilder().setRequestHeaders(HttpHeaders.newBuilder().setHeaders(
                headers(Map.of(":method", "POST", ":path", "/v1/chat/completions",
                        "content-type", "application/json")))).build());
        answers.poll(10, TimeUnit.SECONDS);
        envoy.onNext(ProcessingRequest.newBuilder().setRequestBody(HttpBody.newBuilder()
                .setBody(ByteString.copyFromUtf8(BODY)).setEndOfStream(true)).build());
        byte[] body = answers.poll(10, TimeUnit.SECONDS).getRequestBody().getResponse().getBodyMutation().getBody()
                .toByteArray();
        waited += System.nanoTime() - start;
        HttpResponse<byte[]> answer = post(http, direct, body);
        start = System.nanoTime();
        envoy.onNext(ProcessingRequest.newBuilder().setResponseHeaders(HttpHeaders.newBuilder().setHeaders(
                headers(Map.of(":status", "200", "content-type", "application/json")))).build());
        answers.poll(10, TimeUnit.SECONDS);
        envoy.onNext(ProcessingRequest.newBuilder().setResponseBody(HttpBody.newBuilder()
                .setBody(ByteString.copyFrom(answer.body())).setEndOfStream(true)).build());
        answers.poll(10, TimeUnit.SECONDS);
        envoy.onCompleted();
        return (waited + System.nanoTime() - start) / 1e6;
    }

    private static HeaderMap headers(Map<String, String> headers) {
        HeaderMap.Builder map = HeaderMap.newBuilder();
        headers.forEach((k, v) -> map.addHeaders(HeaderValue.newBuilder().setKey(k).setRawValue(
                ByteString.copyFromUtf8(v))));
        return map.build();
    }

    private static HttpResponse<byte[]> post(HttpClient http, URI uri, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void report(double[][] ms, int warmup) {
        for (double[] path : ms) {
            Arrays.sort(path);
        }
        double proxyAdded = pct(ms[1], 50) - pct(ms[0], 50);
        double extProcAdded = pct(ms[2], 50) - pct(ms[0], 50);
        System.out.printf("| path | p50 ms | p90 ms | p99 ms | added at p50 ms |%n|---|---:|---:|---:|---:|%n");
        row("direct to the model", ms[0], 0);
        row("HTTP proxy", ms[1], proxyAdded);
        row("Envoy ext_proc (played)", ms[2], extProcAdded);
        row("  of which ext_proc round trips", ms[3], pct(ms[3], 50));
        System.out.printf("%n%d requests per path after %d warm-up; ext_proc added / HTTP proxy added at p50: %.2f%n",
                ms[0].length, warmup, extProcAdded / proxyAdded);
    }

    private static void row(String name, double[] sorted, double added) {
        System.out.printf("| %s | %.3f | %.3f | %.3f | %.3f |%n", name, pct(sorted, 50), pct(sorted, 90),
                pct(sorted, 99), added);
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
