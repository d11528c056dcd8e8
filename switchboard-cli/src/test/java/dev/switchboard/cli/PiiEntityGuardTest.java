package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PII guard with the bundled entity head, through the router with the OpenAI SDK: a name is kept from a model
 * that may not see people's names (redacted and restored), and the classification API reports it.
 */
class PiiEntityGuardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGE = "Please draft a short thank-you note to Maria Gonzalez for the flowers.";
    private static final TestUpstream hosted = TestUpstream.start("hosted");
    private static RouterProcess router;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        router = RouterProcess.start(ConfigLoader.parse("""
                server: {host: 127.0.0.1, port: 0}
                routing: {default_model: hosted}
                guards: {pii: {action: redact}}
                models:
                  - name: hosted
                    endpoints: [{url: "%s"}]
                    pii_policy: {allow_by_default: false, pii_types_allowed: [EMAIL_ADDRESS]}
                decisions: [{name: all, model_refs: [{model: hosted}]}]
                """.formatted(hosted.baseUrl()), "pii-entities.yaml"));
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + router.port() + "/v1").apiKey("k")
                .build();
    }

    @AfterAll
    static void stop() {
        router.close();
        hosted.close();
    }

    @BeforeEach
    void reset() {
        hosted.reset();
    }

    @Test
    void aPersonsNameNeverReachesTheModelAndComesBackInTheAnswer() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("auto").addUserMessage(MESSAGE).build());
        String sent = hosted.lastRequest().at("/messages/0/content").asText();
        assertThat(sent).doesNotContain("Maria").doesNotContain("Gonzalez").contains("[PERSON_1]");
        assertThat(completion.choices().get(0).message().content()).hasValue("hosted says: " + MESSAGE);
    }

    @Test
    void earlierTurnsAreScreenedToo() {
        client.chat().completions().create(ChatCompletionCreateParams.builder().model("auto")
                .addUserMessage("My colleague Peter Novak from Siemens asked me to follow up.")
                .addAssistantMessage("Sure, what should the follow-up say?")
                .addUserMessage("Just that we need the signed contract by Friday.").build());
        assertThat(hosted.lastRequest().toString()).doesNotContain("Peter Novak");
    }

    @Test
    void everydayRequestsPassUntouched() {
        String question = "Explain how transformers work in NLP.";
        client.chat().completions().create(ChatCompletionCreateParams.builder().model("auto")
                .addUserMessage(question).build());
        assertThat(hosted.lastRequest().at("/messages/0/content").asText()).isEqualTo(question);
    }

    @Test
    void classificationApiReportsNamesWithOffsets() throws Exception {
        String text = "Tell Sarah I'll be in Berlin on Monday.";
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + router.port() + "/api/v1/classify/pii"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(res.body());
        assertThat(body.get("has_pii").asBoolean()).isTrue();
        assertThat(body.get("entities").toString())
                .contains("\"type\":\"PERSON\",\"value\":\"Sarah\",\"start\":5,\"end\":10")
                .contains("\"type\":\"LOCATION\",\"value\":\"Berlin\"");
        assertThat(body.get("masked_text").asText()).doesNotContain("Sarah").doesNotContain("Berlin");
    }
}
