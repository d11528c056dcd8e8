package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.cache.postgres.PgliteServer;
import dev.switchboard.core.config.ServerSettings;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.testing.TestUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three router replicas, as a Deployment runs them: one config file they all watch (the mounted ConfigMap), one
 * shared PostgreSQL/pgvector cache (PGlite), the real encoder in each, and a load balancer in front that follows
 * {@code /ready} and retries what never reached a replica. The tests run in order on the same replicas: two are
 * stopped on the way, one draining as on SIGTERM and one cut off as in a crash.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;
    private static PgliteServer postgres;
    private static TestUpstream upstream;
    private static Path configFile;
    private static final List<RouterProcess> replicas = new ArrayList<>();
    private static TestBalancer balancer;

    private static String config(String prompt) {
        return """
                server: {host: 127.0.0.1, port: 0, shutdown_quiet_period: 1s, shutdown_timeout: 20s}
                routing: {default_model: m}
                upstream: {retry: {max_attempts: 1}}
                models: [{name: m, endpoints: [{url: "%s"}]}]
                cache:
                  enabled: true
                  backend: postgres
                  postgres: {url: "%s", pool_size: 2}
                decisions:
                  - name: all
                    model_refs: [{model: m}]
                    plugins: [{type: system_prompt, system_prompt: "%s"}]
                """.formatted(upstream.baseUrl(), postgres.jdbcUrl(), prompt);
    }

    @BeforeAll
    static void start() throws IOException {
        // shared with the other PGlite tests of this JVM, and stopped when it exits
        postgres = PgliteServer.shared(Path.of("../switchboard-cache-postgres/pglite"), 8);
        upstream = TestUpstream.start("m");
        configFile = dir.resolve("switchboard.yaml");
        Files.writeString(configFile, config("v1"));
        List<UnaryOperator<SwitchboardConfig>> overrides =
                List.of(UnaryOperator.identity(), UnaryOperator.identity(), ScaleOutTest::withoutDrain);
        List<CompletableFuture<RouterProcess>> starting = overrides.stream() // each loads its own encoder
                .map(o -> CompletableFuture.supplyAsync(() -> RouterProcess.serve(configFile, o, Duration.ofMillis(50))))
                .toList();
        starting.forEach(replica -> replicas.add(replica.join()));
        balancer = new TestBalancer(replicas.stream().map(RouterProcess::port).toList());
    }

    @AfterAll
    static void stop() {
        if (balancer != null) {
            balancer.close();
        }
        replicas.forEach(RouterProcess::close);
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    @Order(1)
    void readyReportsEachReplicaAndTheBalancerFollowsIt() throws Exception {
        for (RouterProcess replica : replicas) {
            HttpResponse<String> ready = get(api(replica) + "/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\":\"ready\"");
        }
        assertThat(balancer.healthyReplicas()).hasSize(3);
    }

    @Test
    @Order(2)
    void anAnswerGivenByOneReplicaIsACacheHitOnAnother() throws Exception {
        String question = "What is the boiling point of water at sea level?";
        HttpResponse<String> first = chat(api(replicas.get(0)), question, false);
        assertThat(first.headers().firstValue("x-vsr-cache-hit")).hasValue("false");
        int upstreamCalls = upstream.hits();
        await(() -> cacheEntries(replicas.get(1)) >= 1); // stored off the response path, in the shared table

        HttpResponse<String> second = chat(api(replicas.get(1)), question, false);
        assertThat(second.headers().firstValue("x-vsr-cache-hit")).hasValue("true");
        assertThat(JSON.readTree(second.body()).at("/choices/0/message/content").asText())
                .isEqualTo(JSON.readTree(first.body()).at("/choices/0/message/content").asText());
        assertThat(chat(api(replicas.get(2)), question, false).headers().firstValue("x-vsr-cache-hit"))
                .hasValue("true");
        assertThat(upstream.hits()).isEqualTo(upstreamCalls);
    }

    @Test
    @Order(3)
    void aConfigEditReachesEveryReplica() throws Exception {
        Files.writeString(configFile, config("v2"));
        for (RouterProcess replica : replicas) {
            await(() -> "v2".equals(systemPromptSentBy(replica)));
        }
    }

    @Test
    @Order(4)
    void stoppingAReplicaUnderTrafficLosesNoRequest() throws Exception {
        upstream.chunkDelay(Duration.ofMillis(20)); // streams are in flight when the replica stops
        String lb = "http://127.0.0.1:" + balancer.port();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger afterStop = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            boolean stream = c % 2 == 0;
            sent.add(clients.submit(() -> traffic(lb, stream, running, stopped, afterStop, failures)));
        }
        await(() -> upstream.hits() > 20);
        RouterProcess victim = replicas.remove(1);
        String victimReady = api(victim) + "/ready";
        // what SIGTERM does: /ready fails while the replica still serves, in-flight work drains, the port closes
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(victim::close);
        await(() -> catchingGet(victimReady) == 503);
        for (RouterProcess other : replicas) {
            assertThat(get(api(other) + "/ready").statusCode()).isEqualTo(200);
        }
        stopping.get(30, TimeUnit.SECONDS);
        stopped.set(true);
        await(() -> afterStop.get() >= 20);
        running.set(false);
        int total = 0;
        for (Future<Integer> count : sent) {
            total += count.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        assertThat(failures).isEmpty();
        assertThat(total).isGreaterThan(40);
        assertThat(balancer.healthyReplicas()).hasSize(2);
        assertThat(catchingGet(victimReady)).isEqualTo(-1); // gone: connection refused
    }

    @Test
    @Order(5)
    void killingAReplicaLosesOnlyTheRequestsItWasServing() throws Exception {
        String lb = "http://127.0.0.1:" + balancer.port();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger afterKill = new AtomicInteger();
        ConcurrentLinkedQueue<String> inFlight = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> afterwards = new ConcurrentLinkedQueue<>();
        int clients = 4;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            boolean stream = c % 2 == 0;
            // a failure is counted where its request started: before the kill ended (it may have been on the
            // replica that died: not retryable) or after (the balancer must have found a live replica)
            sent.add(pool.submit(() -> traffic(lb, stream, running, killed, afterKill, inFlight, afterwards)));
        }
        int before = upstream.hits();
        await(() -> upstream.hits() > before + 20);
        replicas.remove(1).close(); // shutdown_timeout 0: connections cut at once, as a crash would
        killed.set(true);
        await(() -> afterKill.get() >= 20);
        running.set(false);
        for (Future<Integer> count : sent) {
            count.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(afterwards).as("requests sent after the kill").isEmpty();
        assertThat(inFlight.size()).as("at most the requests in flight when it died").isLessThanOrEqualTo(clients);
        assertThat(balancer.healthyReplicas()).hasSize(1);
    }

    private static int traffic(String lb, boolean stream, AtomicBoolean running, AtomicBoolean stopped,
                               AtomicInteger afterStop, ConcurrentLinkedQueue<String> failures) {
        return traffic(lb, stream, running, stopped, afterStop, failures, failures);
    }

    private static int traffic(String lb, boolean stream, AtomicBoolean running, AtomicBoolean stopped,
                               AtomicInteger afterStop, ConcurrentLinkedQueue<String> failuresBefore,
                               ConcurrentLinkedQueue<String> failuresAfter) {
        int sent = 0;
        while (running.get()) {
            boolean wasStopped = stopped.get();
            ConcurrentLinkedQueue<String> failures = wasStopped ? failuresAfter : failuresBefore;
            try {
                HttpResponse<String> res = chat(lb, "question number " + sent + " from a busy client", stream,
                        "x-vsr-cache-control", "no-cache");
                boolean complete = !stream || res.body().contains("data: [DONE]");
                if (res.statusCode() != 200 || !complete) {
                    failures.add(res.statusCode() + " " + res.body());
                } else if (wasStopped) {
                    afterStop.incrementAndGet();
                }
            } catch (Exception e) {
                failures.add(e.toString());
            }
            sent++;
        }
        return sent;
    }

    /** The third replica stops like a crash: no drain, connections cut (test 5). */
    private static SwitchboardConfig withoutDrain(SwitchboardConfig config) {
        ServerSettings s = config.server();
        return config.withServer(new ServerSettings(s.host(), s.port(), s.maxBodyBytes(), s.requestTimeout(),
                Duration.ZERO, Duration.ZERO));
    }

    /** Asks {@code replica} directly, past the cache, and returns the system prompt the upstream received. */
    private static String systemPromptSentBy(RouterProcess replica) {
        try {
            chat(api(replica), "which prompt is live?", false, "x-vsr-cache-control", "no-cache");
            return upstream.lastRequest().at("/messages/0/content").asText();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static int cacheEntries(RouterProcess replica) {
        try {
            String admin = "http://127.0.0.1:" + replica.adminPort() + "/admin/cache";
            return JSON.readTree(get(admin).body()).path("entries").asInt();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String api(RouterProcess replica) {
        return "http://127.0.0.1:" + replica.port();
    }

    private static HttpResponse<String> chat(String base, String user, boolean stream, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + user + "\"}]}"));
        for (int i = 0; i < headers.length; i += 2) {
            req.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int catchingGet(String url) {
        try {
            return get(url).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
