package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing through the real proxy with the official OpenAI Java SDK as the client. */
class ChatCompletionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RouterHarness h;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        h = new RouterHarness();
        client = OpenAIOkHttpClient.builder().baseUrl(h.baseUrl() + "/v1").apiKey("unused").maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void resetUpstreams() {
        h.resetUpstreams();
    }

    private static ChatCompletionCreateParams params(String model, String user) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(user).build();
    }

    @Test
    void autoRoutesToTheDecisionsModelWithPromptAndReasoning() {
        ChatCompletion completion = client.chat().completions().create(params("auto", "solve this equation"));
        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(
                text -> assertThat(text).startsWith("smart").endsWith("says: solve this equation"));
        JsonNode sent = h.smart.hits() > 0 ? h.smart.lastRequest() : h.smartReplica.lastRequest();
        assertThat(sent.get("model").asText()).isEqualTo("Qwen/Qwen3-32B");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("You are a careful mathematician.");
        assertThat(sent.at("/chat_template_kwargs/enable_thinking").asBoolean()).isTrue();
    }

    @Test
    void streamingThroughTheRouterArrivesChunkByChunk() {
        try (StreamResponse<ChatCompletionChunk> stream =
                     client.chat().completions().createStreaming(params("auto", "an urgent question"))) {
            var contents = stream.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .map(choice -> choice.delta().content().orElse(""))
                    .toList();
            assertThat(contents.size()).isGreaterThan(3);
            assertThat(String.join("", contents)).isEqualTo("fast says: an urgent question");
        }
        assertThat(h.fast.lastRequest().get("stream").asBoolean()).isTrue();
    }

    @Test
    void concreteModelNamePassesStraightThrough() throws Exception {
        ChatCompletion completion = client.chat().completions().create(params("backup", "solve this equation"));
        assertThat(completion.choices().get(0).message().content()).hasValue("backup says: solve this equation");
        JsonNode sent = h.backup.lastRequest();
        assertThat(sent.get("model").asText()).isEqualTo("backup");
        assertThat(sent.get("messages")).hasSize(1);
        assertThat(sent.has("reasoning_effort")).isFalse();
        assertThat(h.backup.lastAuthorization()).isEqualTo("Bearer sk-test-123");
        h.chat("fast", "no key configured", false);
        assertThat(h.fast.lastAuthorization()).isEmpty();
    }

    @Test
    void unmatchedAutoGoesToTheDefaultModel() throws Exception {
        HttpResponse<String> res = h.chat("auto", "tell me a story", false);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("x-vsr-selected-model")).hasValue("backup");
        assertThat(res.headers().firstValue("x-vsr-selected-decision")).isEmpty();
        assertThat(res.headers().firstValue("x-vsr-response-path")).hasValue("upstream");
    }

    @Test
    void routingHeadersAndDebugSignals() throws Exception {
        HttpResponse<String> res = h.chat("MoM", "derivative of x", false, "x-vsr-debug", "true");
        assertThat(res.headers().firstValue("x-vsr-selected-model")).hasValue("smart");
        assertThat(res.headers().firstValue("x-vsr-selected-decision")).hasValue("math");
        assertThat(res.headers().firstValue("x-vsr-selected-reasoning")).hasValue("on");
        assertThat(res.headers().firstValue("x-vsr-response-path")).hasValue("upstream");
        assertThat(res.headers().firstValue("x-vsr-matched-signals")).hasValue("keyword:math");
        assertThat(h.chat("auto", "derivative of x", false).headers().firstValue("x-vsr-matched-signals")).isEmpty();
    }

    @Test
    void notOperatorSendsUrgentMathToTheQuickDecision() throws Exception {
        HttpResponse<String> res = h.chat("auto", "urgent: derivative of x", false);
        assertThat(res.headers().firstValue("x-vsr-selected-decision")).hasValue("quick");
        assertThat(res.headers().firstValue("x-vsr-selected-reasoning")).hasValue("off");
    }

    @Test
    void fastResponseAnswersWithoutCallingAModel() throws Exception {
        ChatCompletion completion = client.chat().completions().create(params("auto", "hello router"));
        assertThat(completion.choices().get(0).message().content()).hasValue("Hi! Ask me anything.");
        try (StreamResponse<ChatCompletionChunk> stream =
                     client.chat().completions().createStreaming(params("auto", "hello router"))) {
            String text = stream.stream().flatMap(c -> c.choices().stream())
                    .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
            assertThat(text).isEqualTo("Hi! Ask me anything.");
        }
        HttpResponse<String> raw = h.chat("auto", "hello router", false);
        assertThat(raw.headers().firstValue("x-vsr-response-path")).hasValue("fast_response");
        assertThat(raw.headers().firstValue("x-vsr-selected-decision")).hasValue("greeting");
        assertThat(h.fast.hits()).isZero();
    }

    @Test
    void weightedBalancingAcrossEndpoints() throws Exception {
        for (int i = 0; i < 40; i++) {
            assertThat(h.chat("smart", "q" + i, false).statusCode()).isEqualTo(200);
        }
        assertThat(h.smart.hits()).isEqualTo(30);
        assertThat(h.smartReplica.hits()).isEqualTo(10);
    }

    @Test
    void echoBackendReportsHowItWasRouted() throws Exception {
        HttpResponse<String> res = h.chat("echo", "ping", false);
        String content = JSON.readTree(res.body()).at("/choices/0/message/content").asText();
        assertThat(content).contains("[echo] model=echo", "decision=none", "you said: ping");
    }

    @Test
    void modelsListsAutoNamesAndModels() throws Exception {
        JsonNode models = JSON.readTree(h.get("/v1/models").body());
        assertThat(models.get("data").findValuesAsText("id"))
                .containsExactly("auto", "MoM", "backup", "echo", "fast", "smart");
        assertThat(client.models().list().data()).hasSize(6);
    }

    @Test
    void healthAndReadiness() throws Exception {
        assertThat(h.get("/health").statusCode()).isEqualTo(200);
        assertThat(h.get("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsUseTheLlmNames() throws Exception {
        h.chat("auto", "derivative of x", false);
        client.chat().completions().createStreaming(params("auto", "urgent thing")).stream().count();
        String metrics = h.admin("/metrics").body();
        assertThat(metrics).contains(
                "llm_model_requests_total{model=\"smart\"}",
                "llm_decision_match_total{decision=\"math\"}",
                "llm_model_routing_latency_seconds_count",
                "llm_model_completion_latency_seconds_count{model=\"smart\"}",
                "llm_model_ttft_seconds_count{model=\"fast\"}",
                "llm_model_prompt_tokens_total{model=\"fast\"}",
                "llm_model_completion_tokens_total{model=\"fast\"}",
                "llm_model_cost_total{model=\"fast\"}");
    }
}
