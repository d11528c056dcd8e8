package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retraining on the operator's own traffic, end to end: requests routed by keyword are recorded (embedding,
 * decision, the model that answered, the prompt with its e-mail masked), clients score the answers through
 * {@code POST /api/v1/feedback}, `switchboard train router` learns from the records file, `eval routing` replays
 * it on a held-out half, and the retrained router, served, sends each kind of prompt where the feedback said.
 */
class DecisionRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] DISHES = {"pancakes", "lasagna", "risotto", "banana bread", "omelette", "chili",
            "guacamole", "pad thai", "tomato soup", "apple pie", "fried rice", "hummus"};
    private static final String[] THEOREMS = {"the spectral theorem", "the Riemann mapping theorem",
            "the Banach fixed point theorem", "Sylow's theorems", "the Hahn-Banach theorem",
            "the open mapping theorem", "Liouville's theorem", "the fundamental theorem of Galois theory",
            "the Stone-Weierstrass theorem", "Noether's theorem", "the Arzela-Ascoli theorem",
            "the Cayley-Hamilton theorem"};

    @TempDir
    Path dir;
    private SmallBigRouter router;

    @BeforeEach
    void upstreams() {
        router = new SmallBigRouter();
    }

    @AfterEach
    void stop() {
        router.close();
    }

    private void start(String decisions) {
        router.start("decision_records: {enabled: true, path: \"%s\", include_prompt: true}"
                .formatted(records().toString().replace('\\', '/')), """
                signals:
                  keywords:
                    - {name: quick, keywords: [quick]}
                    - {name: careful, keywords: [careful]}
                """, decisions);
    }

    private Path records() {
        return dir.resolve("records.jsonl");
    }

    private HttpResponseFor<ChatCompletion> ask(String question) {
        return router.ask(question);
    }

    private HttpResponse<String> feedback(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(router.baseUrl()
                + "/api/v1/feedback")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks, checks which model answered, and scores the answer. */
    private void askAndScore(String question, String expectedModel, double score) throws Exception {
        HttpResponseFor<ChatCompletion> response = ask(question);
        assertThat(response.parse().choices().get(0).message().content().orElse("")).startsWith(expectedModel);
        String id = response.headers().values("x-vsr-request-id").get(0);
        HttpResponse<String> accepted = feedback("{\"request_id\": \"" + id + "\", \"score\": " + score + "}");
        assertThat(accepted.statusCode()).isEqualTo(200);
    }

    @Test
    void recordsAndFeedbackRetrainTheRouter() throws Exception {
        // what the operator saw: the small model does recipes well but fails at proofs; the big one does both
        start("""
                - name: quick
                  rules: {type: keyword, name: quick}
                  model_refs: [{model: small-model}]
                - name: careful
                  rules: {type: keyword, name: careful}
                  model_refs: [{model: big-model}]
                """);
        for (int i = 0; i < DISHES.length; i++) {
            askAndScore("Give me a quick recipe for " + DISHES[i] + ", mail it to cook" + i + "@example.com",
                    "small-model", 1);
            askAndScore("Give me a careful recipe for " + DISHES[i], "big-model", 1);
            askAndScore("Quick proof of " + THEOREMS[i] + ", please", "small-model", 0);
            askAndScore("A careful proof of " + THEOREMS[i] + ", please", "big-model", 1);
        }
        router.stopRouter(); // drained: every record is written

        List<JsonNode> lines = Files.readAllLines(records()).stream().map(DecisionRecordsTest::json).toList();
        JsonNode first = lines.stream().filter(l -> l.path("record").asText().equals("decision")).findFirst()
                .orElseThrow();
        assertThat(first.path("decision").asText()).isEqualTo("quick");
        assertThat(first.path("answered_by").asText()).isEqualTo("small-model");
        assertThat(first.path("embedding")).hasSize(384);
        assertThat(first.path("prompt").asText()).contains("<EMAIL_ADDRESS>").doesNotContain("@example.com");
        assertThat(first.path("cost").asDouble()).isPositive();
        assertThat(lines.stream().filter(l -> l.path("record").asText().equals("feedback"))).hasSize(48);

        Path routerDir = retrain();

        start("""
                - name: all
                  model_refs: [{model: big-model}, {model: small-model}]
                  selection: {type: cost_aware, router: "%s", quality_target: 0.9}
                """.formatted(routerDir.toString().replace('\\', '/')));
        assertSelected("Give me a recipe for shakshuka", "small-model");
        assertSelected("A proof of the Borsuk-Ulam theorem, please", "big-model");
    }

    private void assertSelected(String question, String model) {
        HttpResponseFor<ChatCompletion> response = ask(question);
        assertThat(response.headers().values("x-vsr-selected-model"))
                .as(response.headers().values("x-vsr-selection").toString()).containsExactly(model);
    }

    /** Split the records, train on one half, replay on the other; returns the router directory. */
    private Path retrain() throws Exception {
        Path train = dir.resolve("train.jsonl");
        Path test = dir.resolve("test.jsonl");
        assertThat(Main.run("convert", "split", "--in", records().toString(), "--train", train.toString(),
                "--test", test.toString(), "--seed", "3")).isZero();
        Path routerDir = dir.resolve("router");
        assertThat(Main.run("train", "router", "--data", train.toString(), "--out", routerDir.toString(),
                "--seed", "3", "--embedding-cache", dir.resolve("embeddings").toString())).isZero();
        JsonNode manifest = JSON.readTree(routerDir.resolve("manifest.json").toFile());
        assertThat(manifest.path("models")).hasSize(2);
        Path results = dir.resolve("eval.json");
        assertThat(Main.run("eval", "routing", "--router", routerDir.toString(), "--data", test.toString(),
                "--report", dir.resolve("report").toString(), "--json", results.toString(),
                "--embedding-cache", dir.resolve("embeddings").toString())).isZero();
        JsonNode learned = JSON.readTree(results.toFile()).at("/routers/learned");
        // on held-out records the learned router keeps the accuracy of always asking the big model
        assertThat(learned.path("best_accuracy").asDouble()).isGreaterThanOrEqualTo(0.99);
        return routerDir;
    }

    @Test
    void feedbackIsValidated() throws Exception {
        start("""
                - name: quick
                  rules: {type: keyword, name: quick}
                  model_refs: [{model: small-model}]
                """);
        String id = ask("A quick recipe for pancakes").headers().values("x-vsr-request-id").get(0);

        HttpResponse<String> unknown = feedback("{\"request_id\": \"req-nope-1\", \"score\": 1}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).at("/error/code").asText()).isEqualTo("request_not_found");
        HttpResponse<String> tooHigh = feedback("{\"request_id\": \"" + id + "\", \"score\": 1.5}");
        assertThat(tooHigh.statusCode()).isEqualTo(400);
        assertThat(json(tooHigh.body()).at("/error/param").asText()).isEqualTo("score");
        HttpResponse<String> notANumber = feedback("{\"request_id\": \"" + id + "\", \"score\": \"good\"}");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        HttpResponse<String> noId = feedback("{\"score\": 1}");
        assertThat(json(noId.body()).at("/error/param").asText()).isEqualTo("request_id");
        assertThat(feedback("{\"request_id\": \"" + id + "\", \"score\": 0.5}").statusCode()).isEqualTo(200);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
