package dev.switchboard.server;

import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.listener.RouterListener;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A router on an ephemeral loopback port in front of three test upstreams (fast, smart, backup), configured from
 * YAML the way a user writes it. Tests use raw HTTP for headers and errors, the OpenAI SDK for the happy paths.
 */
final class RouterHarness implements AutoCloseable {

    final TestUpstream fast = TestUpstream.start("fast");
    final TestUpstream smart = TestUpstream.start("smart");
    final TestUpstream smartReplica = TestUpstream.start("smart-replica");
    final TestUpstream backup = TestUpstream.start("backup");
    final SwitchboardServer router;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** HTTP/1.1 as Prometheus speaks it; the JDK client's h2c upgrade has failed on a large first response. */
    private final HttpClient adminHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    RouterHarness() {
        this("");
    }

    /** @param extraYaml top-level sections added to the harness config (auth, admin, ...) */
    RouterHarness(String extraYaml) {
        this(yaml -> yaml + extraYaml);
    }

    /** A harness whose config is the usual one changed by {@code edit} (extra settings for one test class). */
    RouterHarness(java.util.function.UnaryOperator<String> edit) {
        this(edit, List.of());
    }

    /** A router whose requests are also told to {@code listeners}. */
    RouterHarness(List<RouterListener> listeners) {
        this(UnaryOperator.identity(), listeners);
    }

    private RouterHarness(UnaryOperator<String> edit, List<RouterListener> listeners) {
        this(edit, RouterPipeline::new, listeners);
    }

    /** A router whose pipelines {@code pipelines} builds (one with an encoder of the test's own, say). */
    RouterHarness(UnaryOperator<String> edit,
                  java.util.function.Function<SwitchboardConfig, RouterPipeline> pipelines) {
        this(edit, pipelines, List.of());
    }

    /** A router with pipelines of the test's own whose requests are also told to {@code listeners}. */
    RouterHarness(UnaryOperator<String> edit,
                  java.util.function.Function<SwitchboardConfig, RouterPipeline> pipelines,
                  List<RouterListener> listeners) {
        router = SwitchboardServer.start(config(edit.apply(yaml("You are a careful mathematician."))), pipelines,
                listeners);
    }

    /** Requests the upstreams received, all of them together. */
    int upstreamHits() {
        return fast.hits() + smart.hits() + smartReplica.hits() + backup.hits();
    }

    static SwitchboardConfig config(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml");
    }

    String yaml(String mathPrompt) {
        return """
                server: {host: 127.0.0.1, port: 0, max_body_bytes: 65536}
                routing: {default_model: backup}
                upstream:
                  connect_timeout: 1s
                  first_byte_timeout: 2s
                  idle_timeout: 500ms
                  retry: {max_attempts: 2, initial_backoff: 10ms, max_backoff: 1s}
                models:
                  - name: fast
                    provider_model_id: org/fast-1b
                    pricing: {input_per_1m: 1.0, output_per_1m: 2.0}
                    endpoints: [{url: "%s"}]
                  - name: smart
                    provider_model_id: Qwen/Qwen3-32B
                    reasoning_family: qwen3
                    endpoints: [{url: "%s", weight: 3}, {url: "%s", weight: 1}]
                  - name: backup
                    reasoning_family: gpt_oss
                    api_key_env: SWITCHBOARD_TEST_UPSTREAM_KEY
                    endpoints: [{url: "%s"}]
                  - name: echo
                    type: echo
                signals:
                  keywords:
                    - {name: math, keywords: [integral, derivative, equation]}
                    - {name: hello, keywords: [hello]}
                    - {name: urgent, keywords: [urgent]}
                  context_length:
                    - {name: long, min_tokens: 2000}
                decisions:
                  - name: math
                    priority: 10
                    rules: {operator: AND, conditions: [{type: keyword, name: math}, {operator: NOT, conditions: [{type: keyword, name: urgent}]}]}
                    model_refs:
                      - {model: smart, use_reasoning: true}
                      - {model: backup, use_reasoning: true, reasoning_effort: high}
                    plugins:
                      - {type: system_prompt, system_prompt: "%s"}
                  - name: quick
                    priority: 5
                    rules: {operator: OR, conditions: [{type: keyword, name: urgent}, {type: context_length, name: long}]}
                    model_refs: [{model: fast, use_reasoning: false}]
                  - name: greeting
                    priority: 1
                    rules: {type: keyword, name: hello}
                    model_refs: [{model: fast}]
                    plugins: [{type: fast_response, message: "Hi! Ask me anything."}]
                """.formatted(fast.baseUrl(), smart.baseUrl(), smartReplica.baseUrl(), backup.baseUrl(), mathPrompt);
    }

    void resetUpstreams() {
        fast.reset();
        smart.reset();
        smartReplica.reset();
        backup.reset();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + router.port();
    }

    HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            req.header(headers[i], headers[i + 1]);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> chat(String model, String user, boolean stream, String... headers) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + user + "\"}]}";
        return post("/v1/chat/completions", body.getBytes(), headers);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET on the admin listener (metrics, cache administration). */
    HttpResponse<String> admin(String path) throws Exception {
        return adminHttp.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.adminPort() + path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        router.close();
        fast.close();
        smart.close();
        smartReplica.close();
        backup.close();
    }
}
