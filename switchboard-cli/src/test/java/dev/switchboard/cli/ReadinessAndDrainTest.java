package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.inference.encoder.ForwardingWindowEncoder;
import dev.switchboard.inference.encoder.WindowEncoder;
import dev.switchboard.server.SwitchboardServer;
import dev.switchboard.testing.TestUpstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness and graceful shutdown through a real server with the real encoder and domain head: {@code /ready} fails
 * until the models are loaded and the self-check passed, a model that answers nonsense keeps the router from
 * serving, and a stop lets an in-flight SSE stream finish while {@code /ready} says draining.
 */
class ReadinessAndDrainTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestUpstream upstream;

    @BeforeEach
    void upstream() {
        upstream = TestUpstream.start("m");
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private SwitchboardConfig config(int port, String drain) {
        return ConfigLoader.parse("""
                server: {host: 127.0.0.1, port: %d%s}
                admin: {enabled: false}
                routing: {default_model: m}
                models: [{name: m, endpoints: [{url: "%s"}]}]
                signals: {domain: {threshold: 0.3}}
                decisions: [{name: all, model_refs: [{model: m}]}]
                """.formatted(port, drain, upstream.baseUrl()), "readiness-test.yaml");
    }

    @Test
    void notReadyUntilTheModelsAreLoadedAndTheSelfCheckPassed() throws Exception {
        int port = freePort();
        CountDownLatch mayFinishLoading = new CountDownLatch(1);
        try (PipelineFactory factory = new PipelineFactory()) {
            CompletableFuture<SwitchboardServer> starting = CompletableFuture.supplyAsync(() ->
                    SwitchboardServer.start(config(port, ""), c -> {
                        await(mayFinishLoading);
                        return factory.apply(c);
                    }));
            String base = "http://127.0.0.1:" + port;
            awaitStatus(base + "/health", 200);
            assertThat(get(base + "/ready").statusCode()).isEqualTo(503);
            assertThat(get(base + "/ready").body()).contains("\"starting\"");
            HttpResponse<String> early = chat(base, "hello", false);
            assertThat(early.statusCode()).isEqualTo(503);
            assertThat(early.body()).contains("\"code\":\"not_ready\"");
            assertThat(early.headers().firstValue("retry-after")).isPresent();
            assertThat(upstream.hits()).isZero();

            mayFinishLoading.countDown();
            try (SwitchboardServer server = starting.get(60, TimeUnit.SECONDS)) {
                HttpResponse<String> ready = get(base + "/ready");
                assertThat(ready.statusCode()).isEqualTo(200);
                assertThat(ready.body()).contains("\"ready\"");
                assertThat(chat(base, "hello", false).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void anEncoderThatAnswersNonsenseFailsTheSelfCheckAndTheRouterNeverServes() throws IOException {
        int port = freePort();
        try (PipelineFactory broken = new PipelineFactory(ZeroEncoder::new)) {
            assertThatThrownBy(() -> SwitchboardServer.start(config(port, ""), broken))
                    .hasMessageContaining("Self-check failed")
                    .hasMessageContaining("zero");
        }
        assertThatThrownBy(() -> get("http://127.0.0.1:" + port + "/health")).isInstanceOf(IOException.class);
    }

    @Test
    void aStopLetsAnInFlightStreamFinishWhileReadySaysDraining() throws Exception {
        upstream.chunkDelay(Duration.ofMillis(120));
        SwitchboardConfig config = config(0, ", shutdown_quiet_period: 1s, shutdown_timeout: 20s");
        String question = "tell me a long story about a router that drains its streams";
        try (PipelineFactory factory = new PipelineFactory()) {
            SwitchboardServer server = SwitchboardServer.start(config, factory);
            String base = "http://127.0.0.1:" + server.port();
            CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream = http.sendAsync(
                    chatRequest(base, question, true), HttpResponse.BodyHandlers.ofLines());
            HttpResponse<java.util.stream.Stream<String>> response = stream.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            awaitStatus(base + "/ready", 503);
            assertThat(get(base + "/ready").body()).contains("\"draining\"");
            List<String> events = response.body().filter(l -> l.startsWith("data: ")).collect(Collectors.toList());
            stopping.get(30, TimeUnit.SECONDS);
            assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
            String text = events.stream().filter(e -> e.contains("\"content\""))
                    .map(e -> e.replaceAll(".*\"content\":\"([^\"]*)\".*", "$1")).collect(Collectors.joining());
            assertThat(text).isEqualTo("m says: " + question);
        }
    }

    private HttpRequest chatRequest(String base, String user, boolean stream) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + user + "\"}]}"))
                .build();
    }

    private HttpResponse<String> chat(String base, String user, boolean stream) throws Exception {
        return http.send(chatRequest(base, user, stream), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls (bounded) until {@code url} answers {@code status}; connection failures count as "not yet". */
    private void awaitStatus(String url, int status) throws InterruptedException {
        Supplier<Integer> probe = () -> {
            try {
                return get(url).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        };
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (probe.get() != status) {
            assertThat(System.nanoTime()).as("%s never answered %d", url, status).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The real encoder with its pooled embedding zeroed: what a corrupted weight file can look like. */
    private static final class ZeroEncoder extends ForwardingWindowEncoder {
        ZeroEncoder(WindowEncoder real) {
            super(real);
        }

        @Override
        public Encoding encode(String text) {
            Encoding e = super.encode(text);
            return new Encoding(new float[e.embedding().length], e.tokenStates(), e.offsets(), e.truncated(),
                    e.outputs());
        }
    }
}
