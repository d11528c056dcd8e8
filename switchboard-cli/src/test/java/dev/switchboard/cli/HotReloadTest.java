package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing the config file of a running router under traffic: valid edits apply, bad ones don't, nothing fails. */
class HotReloadTest {

    private static String config(String upstream, String prompt) {
        return """
                server: {host: 127.0.0.1, port: 0}
                routing: {default_model: m}
                models:
                  - name: m
                    endpoints: [{url: "%s"}]
                decisions:
                  - name: all
                    model_refs: [{model: m}]
                    plugins: [{type: system_prompt, system_prompt: "%s"}]
                """.formatted(upstream, prompt);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void reloadUnderTrafficWithoutAFailedRequest(@TempDir Path dir) throws Exception {
        try (TestUpstream upstream = TestUpstream.start("m")) {
            Path file = dir.resolve("switchboard.yaml");
            Files.writeString(file, config(upstream.baseUrl(), "v0"));
            try (RouterProcess router = RouterProcess.serve(file, UnaryOperator.identity(), Duration.ofMillis(50))) {
                URI uri = URI.create("http://127.0.0.1:" + router.port() + "/v1/chat/completions");
                AtomicBoolean running = new AtomicBoolean(true);
                ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
                ExecutorService clients = Executors.newFixedThreadPool(3);
                List<Future<Integer>> counts = List.of(clients.submit(() -> send(uri, running, failures)),
                        clients.submit(() -> send(uri, running, failures)),
                        clients.submit(() -> send(uri, running, failures)));
                for (int v = 1; v <= 5; v++) {
                    String prompt = "v" + v;
                    Files.writeString(file, config(upstream.baseUrl(), prompt));
                    await(() -> lastPrompt(upstream).equals(prompt));
                    Files.writeString(file, "models: [oops"); // a bad edit: must be ignored
                    Thread.sleep(150);
                }
                running.set(false);
                int sent = 0;
                for (Future<Integer> count : counts) {
                    sent += count.get(30, TimeUnit.SECONDS);
                }
                clients.shutdown();
                assertThat(failures).isEmpty();
                assertThat(sent).isGreaterThan(10);
                assertThat(lastPrompt(upstream)).isEqualTo("v5");
            }
        }
    }

    /** The dashboard's config page edits the file `serve` runs from: apply reloads, then rewrites the file. */
    @Test
    void aDashboardApplyServesTheNewVersionAndRewritesTheFile(@TempDir Path dir) throws Exception {
        try (TestUpstream upstream = TestUpstream.start("m")) {
            Path file = dir.resolve("switchboard.yaml");
            Files.writeString(file, config(upstream.baseUrl(), "v0"));
            try (RouterProcess router = RouterProcess.serve(file, UnaryOperator.identity(), Duration.ofMillis(50))) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String admin = "http://127.0.0.1:" + router.adminPort() + "/dashboard/api/config";
                String edited = config(upstream.baseUrl(), "from the dashboard");
                HttpResponse<String> applied = http.send(HttpRequest.newBuilder(URI.create(admin + "/apply"))
                        .POST(HttpRequest.BodyPublishers.ofString(edited)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(applied.body()).contains("\"applied\":true");
                assertThat(Files.readString(file)).isEqualTo(edited);
                URI chat = URI.create("http://127.0.0.1:" + router.port() + "/v1/chat/completions");
                send(chat, new AtomicBoolean(true), new ConcurrentLinkedQueue<>(), 1);
                assertThat(lastPrompt(upstream)).isEqualTo("from the dashboard");
                assertThat(http.send(HttpRequest.newBuilder(URI.create(admin)).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).contains("from the dashboard");
            }
        }
    }

    private static String lastPrompt(TestUpstream upstream) {
        return upstream.hits() == 0 ? "" : upstream.lastRequest().at("/messages/0/content").asText();
    }

    private static int send(URI uri, AtomicBoolean running, ConcurrentLinkedQueue<String> failures) {
        return send(uri, running, failures, 100_000);
    }

    private static int send(URI uri, AtomicBoolean running, ConcurrentLinkedQueue<String> failures, int most) {
        HttpClient http = HttpClient.newHttpClient();
        int sent = 0;
        for (int i = 0; running.get() && i < most; i++) {
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build();
            try {
                HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() != 200) {
                    failures.add(res.statusCode() + " " + res.body());
                }
            } catch (Exception e) {
                failures.add(e.toString());
            }
            sent++;
        }
        return sent;
    }
}
