package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.pipeline.RouterPipeline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classification API and the dry run read their bodies where chat completions do: in the caller's lane of the
 * planner, not on an event loop. The one ML thread is held by a text the stand-in jailbreak head keeps
 * ({@link HeldScorer}); bodies sent meanwhile, even malformed ones, must wait in the queue for their turn and
 * be answered (400, naming the field) only once the thread is free. Parsed on an event loop, they would be answered
 * at once and never show up as queued work. No timing is asserted.
 */
class BodyParsingInLaneTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HeldScorer scorer = new HeldScorer();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static RouterHarness h;

    @BeforeAll
    static void start() {
        h = new RouterHarness(yaml -> yaml + """
                encoder: {sessions: 1}
                guards: {jailbreak: {}}
                """, config -> new RouterPipeline(config, List.of(), new HeldScorer.InstantEncoder(), null, scorer));
    }

    @AfterAll
    static void stop() {
        scorer.release.countDown();
        h.close();
    }

    @Test
    void classificationAndDryRunBodiesWaitForTheirTurnOnThePlanner() throws Exception {
        scorer.release = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> held = send("/api/v1/classify/security", "{\"text\":\"hold it\"}");
        await(() -> scorer.entered.get(), 1);

        CompletableFuture<HttpResponse<String>> intent = send("/api/v1/classify/intent", "{\"text\": 42}");
        CompletableFuture<HttpResponse<String>> batch = send("/api/v1/classify/batch", "{\"texts\": [\"a\", ");
        CompletableFuture<HttpResponse<String>> explain = send("/api/v1/route/explain",
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
        CompletableFuture<HttpResponse<String>> held = send("/api/v1/classify/security", "{\"text\":\"hold it\"}");
        await(() -> scorer.entered.get(), entered + 1);
        CompletableFuture<HttpResponse<String>> explain = send("/api/v1/route/explain",
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

    private static CompletableFuture<HttpResponse<String>> send(String path, String body) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(h.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (bounded) until {@code value} is {@code expected}; the bound only keeps a broken build from hanging. */
    private static void await(IntSupplier value, int expected) throws InterruptedException {
        for (int i = 0; i < 400 && value.getAsInt() != expected; i++) {
            Thread.sleep(25);
        }
        assertThat(value.getAsInt()).isEqualTo(expected);
    }
}
