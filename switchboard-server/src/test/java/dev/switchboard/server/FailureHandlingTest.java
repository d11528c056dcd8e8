package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.Fault;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, fallback, timeouts, broken streams and bad input: each ends in a clear answer, never a hang. */
class FailureHandlingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RouterHarness h;

    @BeforeAll
    static void start() {
        h = new RouterHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void resetUpstreams() {
        h.resetUpstreams();
    }

    private static JsonNode error(HttpResponse<String> res) throws Exception {
        assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(res.headers().firstValue("x-vsr-response-path")).hasValue("error");
        JsonNode error = JSON.readTree(res.body()).get("error");
        assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception", "\tat ");
        assertThat(error.has("type")).isTrue();
        assertThat(error.has("code")).isTrue();
        return error;
    }

    @Test
    void retriesA503OnTheSameModel() throws Exception {
        h.fast.enqueue(Fault.status(503));
        HttpResponse<String> res = h.chat("fast", "hi", false);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(h.fast.hits()).isEqualTo(2);
    }

    @Test
    void honoursRetryAfterOn429() throws Exception {
        h.fast.enqueue(Fault.rateLimited(1));
        long start = System.nanoTime();
        HttpResponse<String> res = h.chat("fast", "hi", false);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(h.fast.hits()).isEqualTo(2);
        // The retry waited for the upstream's Retry-After rather than the 10ms configured backoff.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void fallsBackToTheNextCandidateWhenAllEndpointsFail() throws Exception {
        h.smart.enqueue(Fault.status(502), Fault.status(502));
        h.smartReplica.enqueue(Fault.status(502), Fault.status(502));
        HttpResponse<String> res = h.chat("auto", "equation please", false);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("x-vsr-selected-model")).hasValue("backup");
        assertThat(res.headers().firstValue("x-vsr-selected-decision")).hasValue("math");
        assertThat(h.backup.lastRequest().get("reasoning_effort").asText()).isEqualTo("high");
        assertThat(h.backup.lastRequest().at("/messages/0/content").asText())
                .isEqualTo("You are a careful mathematician.");
    }

    /** The model may still be generating: re-sending would run (and bill) it twice. See SafeRetryTest for opt-in. */
    @Test
    void firstByteTimeoutIsNotResentByDefault() throws Exception {
        h.fast.enqueue(Fault.delayHeaders(Duration.ofSeconds(5)), Fault.delayHeaders(Duration.ofSeconds(5)));
        HttpResponse<String> res = h.chat("auto", "urgent", false);
        assertThat(res.statusCode()).isEqualTo(504);
        assertThat(error(res).get("message").asText()).contains("'fast' timed out", "retry_in_flight");
        assertThat(h.fast.hits()).isEqualTo(1);
        assertThat(h.backup.hits()).isZero();
    }

    @Test
    void nonStreamingResetMidBodyIsNotResentByDefault() throws Exception {
        h.fast.enqueue(Fault.resetAfterChunks(1), Fault.resetAfterChunks(1));
        HttpResponse<String> res = h.chat("auto", "urgent", false);
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(error(res).get("message").asText()).contains("'fast'", "not re-sent");
        assertThat(h.fast.hits()).isEqualTo(1);
        assertThat(h.backup.hits()).isZero();
    }

    @Test
    void streamResetAfterStartEndsWithAnErrorEventAndDone() throws Exception {
        h.fast.enqueue(Fault.resetAfterChunks(2));
        HttpResponse<String> res = h.chat("fast", "one two three four five", true);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("fast").contains("\"stream_interrupted\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void silentStreamIsCutByTheIdleTimeout() throws Exception {
        h.fast.enqueue(Fault.hangAfterChunks(2));
        HttpResponse<String> res = h.chat("fast", "one two three four five", true);
        assertThat(res.body()).contains("\"stream_interrupted\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void refusedConnectionsFallBackAndAreNamedPlainly() throws Exception {
        String original = h.yaml("You are a careful mathematician.");
        h.router.reload(RouterHarness.config(original.replace(h.fast.baseUrl(), "http://127.0.0.1:1/v1")));
        try {
            HttpResponse<String> res = h.chat("auto", "urgent", false);
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("x-vsr-selected-model")).hasValue("backup");
            h.backup.enqueue(Fault.status(503), Fault.status(503));
            HttpResponse<String> failed = h.chat("auto", "urgent", false);
            assertThat(error(failed).get("message").asText()).contains("fast (connection failed)", "backup (503");
        } finally {
            h.router.reload(RouterHarness.config(original));
        }
    }

    @Test
    void everyCandidateFailingGivesOne502NamingThem() throws Exception {
        for (int i = 0; i < 2; i++) {
            h.fast.enqueue(Fault.status(503));
            h.backup.enqueue(Fault.status(503));
        }
        HttpResponse<String> res = h.chat("auto", "urgent", false);
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(error(res).get("message").asText()).contains("fast (503", "backup (503");
    }

    @Test
    void clientErrorsFromTheUpstreamPassThroughWithoutFallback() throws Exception {
        h.fast.enqueue(Fault.status(400));
        HttpResponse<String> res = h.chat("auto", "urgent", false);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(h.backup.hits()).isZero();
    }

    @Test
    void malformedJson() throws Exception {
        HttpResponse<String> res = h.post("/v1/chat/completions", "{\"model\":".getBytes());
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(error(res).get("message").asText()).contains("not valid JSON");
    }

    @Test
    void wrongTypesAndMissingMessages() throws Exception {
        HttpResponse<String> res = h.post("/v1/chat/completions", "{\"model\":\"auto\"}".getBytes());
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(error(res).get("param").asText()).isEqualTo("messages");
        res = h.post("/v1/chat/completions",
                "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":{}}]}".getBytes());
        assertThat(error(res).get("param").asText()).isEqualTo("messages[0].content");
    }

    @Test
    void unsupportedContentPart() throws Exception {
        HttpResponse<String> res = h.post("/v1/chat/completions",
                "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]}"
                        .getBytes());
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(error(res).get("message").asText()).contains("Unsupported content part type 'video'");
    }

    @Test
    void invalidUtf8() throws Exception {
        byte[] body = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"ab\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        body[body.length - 6] = (byte) 0xFF;
        HttpResponse<String> res = h.post("/v1/chat/completions", body);
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(error(res).get("message").asText()).contains("UTF-8");
    }

    @Test
    void bodyOverTheLimit() throws Exception {
        String big = "x".repeat(70_000);
        HttpResponse<String> res = h.chat("auto", big, false);
        assertThat(res.statusCode()).isEqualTo(413);
        error(res);
        assertThat(h.chat("auto", "still alive?", false).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownModel() throws Exception {
        HttpResponse<String> res = h.chat("gpt-17", "hi", false);
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(error(res).get("code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void wrongMethodAndPathGetJsonErrors() throws Exception {
        assertThat(h.get("/v1/chat/completions").statusCode()).isEqualTo(405);
        error(h.get("/v1/chat/completions"));
        assertThat(h.get("/v1/nothing").statusCode()).isEqualTo(404);
        error(h.get("/v1/nothing"));
    }
}
