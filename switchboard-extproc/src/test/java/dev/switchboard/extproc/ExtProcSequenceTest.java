package dev.switchboard.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact message sequences Envoy's ext_proc filter sends, and every mutation the service answers with: buffered
 * and streamed bodies, a filter that sends no body, trailers, streamed SSE answers with values to restore, cache
 * fill, upstream errors, resets at each point, and bad input. The service must answer every message once and never
 * end the stream with an error.
 */
class ExtProcSequenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RouterFixture fixture = new RouterFixture();
    private static final String BEARER = "Bearer " + RouterFixture.KEY;

    @BeforeEach
    void reset() {
        fixture.ends.clear();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static EnvoyCall call(BodySendMode request, BodySendMode response) {
        return new EnvoyCall(fixture.extProc.port(), request, response);
    }

    private static Map<String, String> post(int length) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":method", "POST");
        headers.put(":path", "/v1/chat/completions");
        headers.put(":authority", "switchboard.example");
        headers.put("content-type", "application/json");
        headers.put("content-length", Integer.toString(length));
        headers.put("authorization", BEARER);
        return headers;
    }

    private static byte[] chat(String text, boolean stream) {
        return JSON.createObjectNode().put("model", "auto").put("stream", stream)
                .set("messages", JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user")
                        .put("content", text))).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> set(HeaderMutation mutation) {
        Map<String, String> set = new LinkedHashMap<>();
        for (HeaderValueOption option : mutation.getSetHeadersList()) {
            set.put(option.getHeader().getKey(), option.getHeader().getRawValue().toStringUtf8());
        }
        return set;
    }

    private static String unique() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void aBufferedRequestIsRoutedAndItsResponseAnnotated() throws Exception {
        byte[] body = chat("What is the integral of x^3 " + unique() + "?", false);
        try (EnvoyCall envoy = call(BodySendMode.BUFFERED, BodySendMode.BUFFERED)) {
            Map<String, String> request = post(body.length);
            request.put("x-selected-model", "general"); // a client trying to pick the model's route itself
            ProcessingResponse headers = envoy.requestHeaders(request, false);
            assertThat(headers.getRequestHeaders().getResponse().getHeaderMutation().getRemoveHeadersList())
                    .containsExactly("x-selected-model");

            CommonResponse routed = envoy.requestBody(body, true).getRequestBody().getResponse();
            byte[] rewritten = routed.getBodyMutation().getBody().toByteArray();
            JsonNode sent = JSON.readTree(rewritten);
            assertThat(sent.path("model").asText()).isEqualTo("Qwen/Qwen3-32B");
            assertThat(sent.path("messages").path(0).path("content").asText())
                    .isEqualTo("You are a careful mathematician.");
            assertThat(sent.path("chat_template_kwargs").path("enable_thinking").asBoolean()).isTrue();
            assertThat(set(routed.getHeaderMutation())).containsEntry("x-selected-model", "math")
                    .containsEntry("content-length", Integer.toString(rewritten.length));
            assertThat(routed.getHeaderMutation().getRemoveHeadersList()).containsExactly("authorization");
            assertThat(routed.getClearRouteCache()).isTrue();

            CommonResponse annotated = envoy.responseHeaders(Map.of(":status", "200", "content-type",
                    "application/json"), false).getResponseHeaders().getResponse();
            assertThat(set(annotated.getHeaderMutation())).containsEntry("x-vsr-selected-model", "math")
                    .containsEntry("x-vsr-selected-decision", "math").containsEntry("x-vsr-cache-hit", "false")
                    .containsEntry("x-vsr-response-path", "upstream");
            String answer = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"x^4/4\"},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":5}}";
            CommonResponse relayed = envoy.responseBody(answer.getBytes(StandardCharsets.UTF_8), true)
                    .getResponseBody().getResponse();
            assertThat(relayed.hasBodyMutation()).as("nothing to restore: the answer passes untouched").isFalse();
            assertThat(envoy.closeAndAwait()).isTrue();
        }
        assertThat(fixture.ends.next()).isEqualTo(new RequestEnds.End("answered", 5));
        assertThat(fixture.ends.nextAttempt()).isEqualTo("math:ok");
    }

    @Test
    void aStreamedRequestBodyIsHeldBackAndSentWholeWithTheLastChunk() throws Exception {
        byte[] body = chat("call me at " + RouterFixture.PHONE + " " + unique(), false);
        try (EnvoyCall envoy = call(BodySendMode.STREAMED, BodySendMode.STREAMED)) {
            CommonResponse headers = envoy.requestHeaders(post(body.length), false).getRequestHeaders().getResponse();
            assertThat(headers.getHeaderMutation().getRemoveHeadersList())
                    .containsExactlyInAnyOrder("x-selected-model", "content-length");

            int half = body.length / 2;
            CommonResponse first = envoy.requestBody(java.util.Arrays.copyOf(body, half), false)
                    .getRequestBody().getResponse();
            assertThat(first.getBodyMutation().hasBody()).as("the chunk is replaced by nothing").isTrue();
            assertThat(first.getBodyMutation().getBody().isEmpty()).isTrue();
            CommonResponse last = envoy.requestBody(java.util.Arrays.copyOfRange(body, half, body.length), true)
                    .getRequestBody().getResponse();
            String sent = last.getBodyMutation().getBody().toStringUtf8();
            assertThat(sent).contains("[PHONE_NUMBER_1]").doesNotContain(RouterFixture.PHONE);
            assertThat(set(last.getHeaderMutation())).containsEntry("x-selected-model", "general")
                    .doesNotContainKey("content-length"); // the headers already went upstream
        }
        // a clean close without response phases (response_header_mode SKIP): answered, usage unknown
        assertThat(fixture.ends.next()).isEqualTo(new RequestEnds.End("answered", -1));
    }

    @Test
    void aStreamedAnswerGetsItsPersonalDataBackEvenWhenAPlaceholderIsSplitAcrossChunks() throws Exception {
        byte[] body = chat("my number is " + RouterFixture.PHONE + " " + unique(), true);
        try (EnvoyCall envoy = call(BodySendMode.BUFFERED, BodySendMode.STREAMED)) {
            envoy.requestHeaders(post(body.length), false);
            envoy.requestBody(body, true);
            CommonResponse headers = envoy.responseHeaders(Map.of(":status", "200", "content-type",
                    "text/event-stream"), false).getResponseHeaders().getResponse();
            assertThat(headers.getHeaderMutation().getRemoveHeadersList()).contains("content-length");
            assertThat(set(headers.getHeaderMutation())).containsEntry("x-vsr-pii-detected", "PHONE_NUMBER");

            String sse = Sse.chunk("I will call [PHONE_NUMBER_1] today.") + Sse.done();
            int split = sse.indexOf("NUMBER_1]");
            ByteArrayOutputStream client = new ByteArrayOutputStream();
            client.writeBytes(mutated(envoy.responseBody(sse.substring(0, split).getBytes(StandardCharsets.UTF_8),
                    false)));
            client.writeBytes(mutated(envoy.responseBody(sse.substring(split).getBytes(StandardCharsets.UTF_8),
                    true)));
            assertThat(client.toString(StandardCharsets.UTF_8)).contains("I will call " + RouterFixture.PHONE)
                    .doesNotContain("PHONE_NUMBER_1").endsWith("data: [DONE]\n\n");
        }
        assertThat(fixture.ends.next().outcome()).isEqualTo("answered");
    }

    private static byte[] mutated(ProcessingResponse response) {
        return response.getResponseBody().getResponse().getBodyMutation().getBody().toByteArray();
    }

    @Test
    void aStreamedAnswerFillsTheCacheAndTheRepeatIsAnsweredAsAStreamByEnvoy() throws Exception {
        String question = "What is the integral of tan x " + unique() + "?";
        long stored = fixture.cacheStore.size();
        try (EnvoyCall envoy = call(BodySendMode.BUFFERED, BodySendMode.STREAMED)) {
            byte[] body = chat(question, true);
            envoy.requestHeaders(post(body.length), false);
            envoy.requestBody(body, true);
            envoy.responseHeaders(Map.of(":status", "200", "content-type", "text/event-stream"), false);
            envoy.responseBody(Sse.chunk("-ln|cos x| + C").getBytes(StandardCharsets.UTF_8), false);
            envoy.responseBody(Sse.finish().getBytes(StandardCharsets.UTF_8), false);
            envoy.responseBody(Sse.done().getBytes(StandardCharsets.UTF_8), true);
        }
        awaitCacheSize(stored + 1);
        try (EnvoyCall envoy = call(BodySendMode.BUFFERED, BodySendMode.STREAMED)) {
            byte[] body = chat(question, true);
            envoy.requestHeaders(post(body.length), false);
            ProcessingResponse hit = envoy.requestBody(body, true);
            assertThat(hit.hasImmediateResponse()).isTrue();
            assertThat(hit.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(200);
            assertThat(set(hit.getImmediateResponse().getHeaders())).containsEntry("x-vsr-cache-hit", "true")
                    .containsEntry("content-type", "text/event-stream");
            assertThat(hit.getImmediateResponse().getBody().toStringUtf8()).contains("-ln|cos")
                    .endsWith("data: [DONE]\n\n");
        }
    }

    @Test
    void aChatRequestWithoutABodyIsRefusedLikeTheProxyRefusesIt() throws Exception {
        try (EnvoyCall envoy = call(BodySendMode.BUFFERED, BodySendMode.STREAMED)) {
            ProcessingResponse refused = envoy.requestHeaders(post(0), true);
            assertThat(refused.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(400);
            assertThat(JSON.readTree(refused.getImmediateResponse().getBody().toByteArray()).path("error")
                    .path("type").asText()).isEqualTo("invalid_request_error");
        }
        assertThat(fixture.ends.next().outcome()).isNotEqualTo("answered");
    }

    @Test
    void aFilterThatSendsNoBodyOrFullDuplexIsRefusedRatherThanLeftUnguarded() {
        try (EnvoyCall envoy = call(BodySendMode.NONE, BodySendMode.NONE)) {
            ProcessingResponse refused = envoy.requestHeaders(post(40), false);
            assertThat(refused.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(500);
            assertThat(refused.getImmediateResponse().getBody().toStringUtf8()).contains("extproc_misconfigured")
                    .contains("request_body_mode");
        }
        // full duplex expects streamed_response mutations, which the adapter does not write: refused too
        try (EnvoyCall envoy = call(BodySendMode.FULL_DUPLEX_STREAMED, BodySendMode.FULL_DUPLEX_STREAMED)) {
            assertThat(envoy.requestHeaders(post(40), false).getImmediateResponse().getStatus().getCodeValue())
                    .isEqualTo(500);
        }
    }

    @Test
    void aPartialBufferedBodyIsRefusedBecauseEnvoyWouldSendTheRestUnread() throws Exception {
        byte[] body = chat("a long question " + unique(), false);
        try (EnvoyCall envoy = call(BodySendMode.BUFFERED_PARTIAL, BodySendMode.STREAMED)) {
            envoy.requestHeaders(post(body.length), false);
            ProcessingResponse refused = envoy.requestBody(java.util.Arrays.copyOf(body, 20), false);
            assertThat(refused.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(413);
        }
        assertThat(fixture.ends.next().outcome()).isEqualTo("request_too_large");
        try (EnvoyCall envoy = call(BodySendMode.BUFFERED_PARTIAL, BodySendMode.STREAMED)) {
            envoy.requestHeaders(post(body.length), false);
            assertThat(envoy.requestBody(body, true).getRequestBody().getResponse().getClearRouteCache()).isTrue();
        }
        assertThat(fixture.ends.next().outcome()).isEqualTo("answered");
    }

    @Test
    void otherRequestsPassThroughButStillNeedAKey() {
        Map<String, String> models = new LinkedHashMap<>(Map.of(":method", "GET", ":path", "/v1/models",
                "authorization", BEARER, "x-selected-model", "math"));
        try (EnvoyCall envoy = call(BodySendMode.BUFFERED, BodySendMode.BUFFERED)) {
            CommonResponse passed = envoy.requestHeaders(models, true).getRequestHeaders().getResponse();
            assertThat(passed.getHeaderMutation().getSetHeadersList()).isEmpty();
            assertThat(passed.getHeaderMutation().getRemoveHeadersList())
                    .as("a client cannot pick a model's route itself").containsExactly("x-selected-model");
            assertThat(envoy.responseHeaders(Map.of(":status", "200"), false).getResponseHeaders().getResponse())
                    .isEqualTo(CommonResponse.getDefaultInstance());
            assertThat(envoy.responseBody("{}".getBytes(StandardCharsets.UTF_8), true).getResponseBody()
                    .getResponse()).isEqualTo(CommonResponse.getDefaultInstance());
        }
        models.remove("authorization");
        try (EnvoyCall envoy = call(BodySendMode.BUFFERED, BodySendMode.BUFFERED)) {
            assertThat(envoy.requestHeaders(models, true).getImmediateResponse().getStatus().getCodeValue())
                    .isEqualTo(401);
        }
        assertThat(fixture.ends.isEmpty()).as("pass-through requests are not the router's to report").isTrue();
    }

    @Test
    void trailersOnBothSidesAreAnsweredAndEndTheResponse() throws Exception {
        byte[] body = chat("tell me something " + unique(), false);
        try (EnvoyCall envoy = call(BodySendMode.BUFFERED, BodySendMode.STREAMED)) {
            envoy.requestHeaders(post(body.length), false);
            envoy.requestBody(body, false);
            // a request with trailers: the trailers, not a body message, end it, and their answer cannot carry
            // the rewritten body: refused, never passed on unguarded
            ProcessingResponse refused = envoy.requestTrailers(Map.of("x-checksum", "1"));
            assertThat(refused.getImmediateResponse().getStatus().getCodeValue()).isEqualTo(400);
            assertThat(refused.getImmediateResponse().getBody().toStringUtf8()).contains("trailers");
        }
        assertThat(fixture.ends.next().outcome()).isEqualTo("invalid_request");

        try (EnvoyCall envoy = call(BodySendMode.BUFFERED, BodySendMode.STREAMED)) {
            envoy.requestHeaders(post(body.length), false);
            envoy.requestBody(body, true);
            envoy.responseHeaders(Map.of(":status", "200", "content-type", "text/event-stream"), false);
            envoy.responseBody(Sse.chunk("hi").getBytes(StandardCharsets.UTF_8), false);
            assertThat(envoy.responseTrailers(Map.of("grpc-status", "0")).hasResponseTrailers()).isTrue();
        }
        assertThat(fixture.ends.next().outcome()).isEqualTo("answered");
    }

    @Test
    void aResetBeforeOrDuringTheAnswerIsReportedOnceAsAFailure() throws Exception {
        byte[] body = chat("what is 2+2 " + unique(), false);
        EnvoyCall beforeBody = call(BodySendMode.BUFFERED, BodySendMode.BUFFERED);
        beforeBody.requestHeaders(post(body.length), false);
        beforeBody.reset();
        assertThat(fixture.ends.next().outcome()).isEqualTo("request_cancelled");

        EnvoyCall midAnswer = call(BodySendMode.BUFFERED, BodySendMode.STREAMED);
        midAnswer.requestHeaders(post(body.length), false);
        midAnswer.requestBody(body, true);
        midAnswer.responseHeaders(Map.of(":status", "200", "content-type", "text/event-stream"), false);
        midAnswer.responseBody(Sse.chunk("four").getBytes(StandardCharsets.UTF_8), false);
        midAnswer.reset();
        assertThat(fixture.ends.next().outcome()).isEqualTo("stream_interrupted");
        assertThat(fixture.ends.nextAttempt()).isEqualTo("general:cancelled");
        Thread.sleep(50); // nothing else may follow; a second end would show up here
        assertThat(fixture.ends.isEmpty()).isTrue();
    }

    @Test
    void anUpstreamErrorPassesThroughAndIsReportedAsAFailure() throws Exception {
        byte[] body = chat("anything at all " + unique(), false);
        try (EnvoyCall envoy = call(BodySendMode.BUFFERED, BodySendMode.BUFFERED)) {
            envoy.requestHeaders(post(body.length), false);
            envoy.requestBody(body, true);
            CommonResponse headers = envoy.responseHeaders(Map.of(":status", "503", "content-type",
                    "application/json"), false).getResponseHeaders().getResponse();
            assertThat(set(headers.getHeaderMutation())).containsEntry("x-vsr-selected-model", "general");
            CommonResponse error = envoy.responseBody("{\"error\":{\"message\":\"overloaded\"}}"
                    .getBytes(StandardCharsets.UTF_8), true).getResponseBody().getResponse();
            assertThat(error.hasBodyMutation()).isFalse();
        }
        assertThat(fixture.ends.next().outcome()).isEqualTo("upstream_error");
        assertThat(fixture.ends.nextAttempt()).isEqualTo("general:upstream_status");
    }

    @Test
    void badInputGetsAnImmediateOpenAiErrorAndTheStreamStaysUsable() throws Exception {
        byte[] broken = "{\"model\":\"auto\",\"messages\":[{\"role\":".getBytes(StandardCharsets.UTF_8);
        byte[] unknownModel = "{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] huge = chat("x".repeat(70_000), false);
        for (byte[] body : new byte[][] {broken, unknownModel, huge}) {
            try (EnvoyCall envoy = call(BodySendMode.BUFFERED, BodySendMode.BUFFERED)) {
                envoy.requestHeaders(post(body.length), false);
                ProcessingResponse answer = envoy.requestBody(body, true);
                int status = answer.getImmediateResponse().getStatus().getCodeValue();
                JsonNode error = JSON.readTree(answer.getImmediateResponse().getBody().toByteArray()).path("error");
                assertThat(status).isIn(400, 404, 413);
                assertThat(error.path("message").asText()).isNotBlank();
                assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
                assertThat(set(answer.getImmediateResponse().getHeaders()))
                        .containsEntry("content-type", "application/json; charset=utf-8")
                        .containsEntry("x-vsr-response-path", "error");
                assertThat(envoy.closeAndAwait()).as("the stream ends cleanly, not with an error").isTrue();
            }
            assertThat(fixture.ends.next().outcome()).isIn("invalid_request", "model_not_found", "request_too_large",
                    "invalid_json");
        }
    }

    @Test
    void theHealthServiceEnvoyChecksSaysServing() {
        HealthCheckResponse health = GrpcClients.newClient("http://127.0.0.1:" + fixture.extProc.port(),
                HealthGrpc.HealthBlockingStub.class).check(HealthCheckRequest.getDefaultInstance());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }

    private static void awaitCacheSize(long size) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (fixture.cacheStore.size() < size && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(fixture.cacheStore.size()).as("the streamed answer was stored").isGreaterThanOrEqualTo(size);
    }

    /** SSE events as an OpenAI-compatible server streams them. */
    private static final class Sse {
        static String chunk(String content) {
            return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + JSON.valueToTree(content) + "},"
                    + "\"finish_reason\":null}]}\n\n";
        }

        static String finish() {
            return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":4}}\n\n";
        }

        static String done() {
            return "data: [DONE]\n\n";
        }
    }
}
