package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.listener.RouterListener;
import dev.switchboard.core.listener.UpstreamAnswer;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.plan.RoutePlan;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What waits for the planner's one ML thread, held by a stand-in jailbreak head that keeps every text containing
 * "hold" until the test lets it go ({@link HeldScorer}) and counts what it scores; no timing is asserted.
 *
 * <p>The classification API and the dry run read their bodies where chat completions do: in the caller's lane of
 * the planner, not on an event loop. Bodies sent while the thread is held, even malformed ones, wait in the queue
 * for their turn and are answered (400, naming the field) only once it is free; parsed on an event loop, they would
 * be answered at once and never show up as queued work.
 *
 * <p>A client that goes away before its answer (HTTP/1.1, before the first response byte) stops the ML work its
 * request queued: the classification API's queued texts leave the planner's queue, and a chat completion planned
 * after its client left is never sent upstream.
 */
class PlannerLaneTest {

    private static final HeldScorer scorer = new HeldScorer();
    private static final HeldScorer.InstantEncoder encoder = new HeldScorer.InstantEncoder();
    private static final AtomicInteger failed = new AtomicInteger();
    private static final RouterListener failures = new RouterListener() {
        @Override
        public void requestFailed(long requestId, RoutePlan plan, String code, UpstreamAnswer upstream) {
            failed.incrementAndGet();
        }
    };
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static RouterHarness h;

    @BeforeAll
    static void start() {
        h = new RouterHarness(yaml -> yaml + """
                encoder: {sessions: 1}
                guards: {jailbreak: {}}
                """, config -> new RouterPipeline(config, List.of(), encoder, null, scorer), List.of(failures));
    }

    @AfterAll
    static void stop() {
        scorer.release.countDown();
        h.close();
    }

    @Test
    void classificationAndDryRunBodiesWaitForTheirTurnOnThePlanner() throws Exception {
        scorer.release = new CountDownLatch(1);
        int entered = scorer.entered.get();
        CompletableFuture<HttpResponse<String>> held = sendAsync("/api/v1/classify/security",
                "{\"text\":\"hold it\"}");
        await(() -> scorer.entered.get(), entered + 1);

        CompletableFuture<HttpResponse<String>> intent = sendAsync("/api/v1/classify/intent", "{\"text\": 42}");
        CompletableFuture<HttpResponse<String>> batch = sendAsync("/api/v1/classify/batch", "{\"texts\": [\"a\", ");
        CompletableFuture<HttpResponse<String>> explain = sendAsync("/api/v1/route/explain",
                "{\"model\":\"auto\",\"messages\":\"not a list\"}");
        await(() -> h.router.mlPending(), 4); // the held text and the three bodies, queued to be parsed
        assertThat(List.of(intent, batch, explain)).noneMatch(CompletableFuture::isDone);

        scorer.release.countDown();
        assertThat(held.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertRefused(intent.get(20, TimeUnit.SECONDS), "text");
        assertRefused(batch.get(20, TimeUnit.SECONDS), null);
        assertRefused(explain.get(20, TimeUnit.SECONDS), "messages");
        await(() -> h.router.mlPending(), 0);
    }

    @Test
    void aWellFormedDryRunWaitsForItsTurnAndIsPlanned() throws Exception {
        scorer.release = new CountDownLatch(1);
        int entered = scorer.entered.get();
        CompletableFuture<HttpResponse<String>> held = sendAsync("/api/v1/classify/security",
                "{\"text\":\"hold it\"}");
        await(() -> scorer.entered.get(), entered + 1);
        CompletableFuture<HttpResponse<String>> explain = sendAsync("/api/v1/route/explain",
                "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"solve this equation\"}]}");
        await(() -> h.router.mlPending(), 2);
        assertThat(explain).isNotDone();

        scorer.release.countDown();
        assertThat(held.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        HttpResponse<String> planned = explain.get(20, TimeUnit.SECONDS);
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(200);
        assertThat(JSON.readTree(planned.body()).path("decision").asText()).isEqualTo("math");
    }

    private static void assertRefused(HttpResponse<String> res, String param) throws Exception {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(res.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        if (param != null) {
            assertThat(error.path("param").asText()).isEqualTo(param);
        }
    }

    /** Sends a request and does not wait for its answer. */
    private static CompletableFuture<HttpResponse<String>> sendAsync(String path, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(h.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBatchWhoseClientLeftRunsNoMoreOfItsTexts() throws Exception {
        scorer.release = new CountDownLatch(1);
        scorer.entered.set(0);
        scorer.scored.set(0);
        String texts = IntStream.range(0, 8).mapToObj(i -> "\"hold text " + i + "\"").collect(Collectors.joining(","));
        try (Socket client = send("/api/v1/classify/batch", "{\"task_type\":\"security\",\"texts\":[" + texts + "]}")) {
            await(() -> scorer.entered.get(), 1);
            await(() -> h.router.mlPending(), 8);
        }
        await(() -> h.router.mlPending(), 1); // the running text finishes; the seven queued ones left the queue
        scorer.release.countDown();
        await(() -> h.router.mlPending(), 0);
        HttpResponse<String> probe = h.post("/api/v1/classify/security", "{\"text\":\"a probe\"}".getBytes());
        assertThat(probe.statusCode()).as(probe.body()).isEqualTo(200);
        assertThat(scorer.scored.get()).as("the held text and the probe, none of the seven queued").isEqualTo(2);
    }

    @Test
    void aChatCompletionWhoseClientLeftWhilePlanningIsNeverSentUpstream() throws Exception {
        assertNotSentAfterLeaving(true);
    }

    @Test
    void aClientThatClosesItsConnectionPlainlyIsNoticedToo() throws Exception {
        assertNotSentAfterLeaving(false);
    }

    /** @param reset close with a reset (an aborting client), else with a plain FIN */
    private static void assertNotSentAfterLeaving(boolean reset) throws Exception {
        h.resetUpstreams();
        scorer.release = new CountDownLatch(1);
        int entered = scorer.entered.get();
        int failedBefore = failed.get();
        String body = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hold this one\"}]}";
        try (Socket client = send("/v1/chat/completions", body, reset)) {
            await(() -> scorer.entered.get(), entered + 1);
        }
        await(failed::get, failedBefore + 1); // the router noticed: the request failed while still planning
        assertThat(h.router.mlPending()).isEqualTo(1);
        scorer.release.countDown(); // planning ends after the client left
        await(() -> h.router.mlPending(), 0);
        HttpResponse<String> probe = h.chat("auto", "a probe", false);
        assertThat(probe.statusCode()).as(probe.body()).isEqualTo(200);
        assertThat(h.upstreamHits()).as("only the probe reached a model").isEqualTo(1);
    }

    private static Socket send(String path, String body) throws Exception {
        return send(path, body, true);
    }

    /** Sends a request over a raw HTTP/1.1 connection and leaves it open; {@code reset}: closing it resets it. */
    private static Socket send(String path, String body, boolean reset) throws Exception {
        Socket socket = new Socket("127.0.0.1", h.router.port());
        if (reset) {
            socket.setSoLinger(true, 0);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + "application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return socket;
    }

    /** Waits (bounded) until {@code value} is {@code expected}; the bound only keeps a broken build from hanging. */
    private static void await(IntSupplier value, int expected) throws InterruptedException {
        for (int i = 0; i < 400 && value.getAsInt() != expected; i++) {
            Thread.sleep(25);
        }
        assertThat(value.getAsInt()).isEqualTo(expected);
    }
}
