package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Personal data never reaches a model whose policy forbids it: fallback, block and redact-with-restore. */
class PiiGuardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHONE = "+1 415 555 0132";
    private static final TestUpstream hosted = TestUpstream.start("hosted");
    private static final TestUpstream onPrem = TestUpstream.start("onprem");
    private static SwitchboardServer router;
    // HTTP/1.1: the JDK client's h2c upgrade has failed on a large first response (the metrics scrape)
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** One router for the class; each test reloads it with its own action, as an operator would. */
    private void start(String action) {
        hosted.reset();
        onPrem.reset();
        var config = ConfigLoader.parse("""
                server: {host: 127.0.0.1, port: 0}
                routing: {default_model: onprem}
                guards: {pii: {action: %s, entities: false}}
                models:
                  - name: hosted
                    endpoints: [{url: "%s"}]
                    pii_policy: {allow_by_default: false, pii_types_allowed: [EMAIL_ADDRESS]}
                  - name: onprem
                    endpoints: [{url: "%s"}]
                decisions:
                  - name: all
                    model_refs: [{model: hosted}, {model: onprem}]
                """.formatted(action, hosted.baseUrl(), onPrem.baseUrl()), "pii.yaml");
        if (router == null) {
            router = SwitchboardServer.start(config);
        } else {
            router.reload(config);
        }
    }

    @AfterAll
    static void stop() {
        router.close();
        hosted.close();
        onPrem.close();
    }

    private HttpResponse<String> chat(String model, String text) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port()
                        + "/v1/chat/completions")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"" + text + "\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fallbackSendsPersonalDataOnlyToAModelAllowedToSeeIt() throws Exception {
        start("fallback");
        HttpResponse<String> res = chat("auto", "call me at " + PHONE + " tomorrow");
        assertThat(res.headers().firstValue("x-vsr-selected-model")).hasValue("onprem");
        assertThat(res.headers().firstValue("x-vsr-pii-detected")).hasValue("PHONE_NUMBER");
        assertThat(hosted.hits()).isZero();
        HttpResponse<String> allowed = chat("auto", "write to jane.doe@example.com please");
        assertThat(allowed.headers().firstValue("x-vsr-selected-model")).hasValue("hosted");
        assertThat(hosted.lastRequest().toString()).contains("jane.doe@example.com");
    }

    @Test
    void blockRefusesWithoutRepeatingTheValue() throws Exception {
        start("block");
        HttpResponse<String> res = chat("auto", "my number is " + PHONE);
        assertThat(res.statusCode()).isEqualTo(403);
        JsonNode error = JSON.readTree(res.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("pii_policy_violation");
        assertThat(error.get("message").asText()).contains("PHONE_NUMBER").doesNotContain("555");
        assertThat(hosted.hits() + onPrem.hits()).isZero();
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.adminPort()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("llm_pii_violations_total{type=\"PHONE_NUMBER\"}");
        // label values only: sample values (latency sums) are numbers that may contain any digits
        assertThat(metrics.lines().filter(line -> line.contains("{")).map(line -> line.substring(0,
                line.lastIndexOf('}') + 1))).noneMatch(labels -> labels.contains("555"));
    }

    @Test
    void passthroughToAModelThatMayNotSeeItIsRefused() throws Exception {
        start("fallback");
        assertThat(chat("hosted", "my number is " + PHONE).statusCode()).isEqualTo(403);
        assertThat(chat("onprem", "my number is " + PHONE).statusCode()).isEqualTo(200);
        assertThat(hosted.hits()).isZero();
    }

    @Test
    void redactSendsPlaceholdersAndRestoresTheAnswer() throws Exception {
        start("redact");
        HttpResponse<String> res = chat("auto", "call me at " + PHONE + " tomorrow");
        assertThat(res.headers().firstValue("x-vsr-selected-model")).hasValue("hosted");
        String sent = hosted.lastRequest().at("/messages/0/content").asText();
        assertThat(sent).isEqualTo("call me at [PHONE_NUMBER_1] tomorrow");
        assertThat(JSON.readTree(res.body()).at("/choices/0/message/content").asText())
                .isEqualTo("hosted says: call me at " + PHONE + " tomorrow");
    }

    @Test
    void piiClassificationApi() throws Exception {
        start("fallback");
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port()
                        + "/api/v1/classify/pii")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"mail jane@example.com or call " + PHONE
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(res.body());
        assertThat(body.get("has_pii").asBoolean()).isTrue();
        assertThat(body.get("entities").findValuesAsText("type")).containsExactly("EMAIL_ADDRESS", "PHONE_NUMBER");
        assertThat(body.at("/entities/0/start").asInt()).isEqualTo(5);
        assertThat(body.get("masked_text").asText()).isEqualTo("mail [EMAIL_ADDRESS_1] or call [PHONE_NUMBER_1]");
    }

    @Test
    void redactRestoresStreamsToo() {
        start("redact");
        try (StreamResponse<ChatCompletionChunk> stream = OpenAIOkHttpClient.builder()
                .baseUrl("http://127.0.0.1:" + router.port() + "/v1").apiKey("k").build().chat().completions()
                .createStreaming(ChatCompletionCreateParams.builder().model("auto")
                        .addUserMessage("ring " + PHONE + " or " + PHONE + " again").build())) {
            String text = stream.stream().flatMap(c -> c.choices().stream())
                    .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
            assertThat(text).isEqualTo("hosted says: ring " + PHONE + " or " + PHONE + " again");
        }
        assertThat(hosted.lastRequest().at("/messages/0/content").asText())
                .isEqualTo("ring [PHONE_NUMBER_1] or [PHONE_NUMBER_1] again");
    }
}
