package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains a router with `switchboard train router` on a generated outcome file where only the big model answers
 * hard maths, then routes through the real router with the OpenAI SDK: easy prompts go to the cheap model, hard
 * ones to the big model, and the complexity signal grades them.
 */
class CostAwareRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] DISHES = {"pancakes", "lasagna", "risotto", "banana bread", "omelette", "chili",
            "guacamole", "pad thai", "tomato soup", "apple pie", "fried rice", "hummus", "burritos", "meatballs"};
    private static final String[] EASY = {"What's a simple recipe for %s?", "How long do I cook %s?",
            "Any tips for making %s for a party?"};
    private static final String[] PLACES = {"Rome", "Kyoto", "Lisbon", "Cairo", "Prague", "Lima", "Oslo", "Hanoi",
            "Vienna", "Dublin", "Seoul", "Quito", "Athens", "Boston"};
    private static final String[] MEDIUM = {"When was %s founded and by whom?", "What happened in %s during the "
            + "Second World War?", "Summarise the history of %s in the middle ages."};
    private static final String[] THEOREMS = {"the spectral theorem for compact self-adjoint operators",
            "the Riemann mapping theorem", "the Banach fixed point theorem", "Sylow's theorems",
            "the Hahn-Banach theorem", "the open mapping theorem", "Liouville's theorem on entire functions",
            "the fundamental theorem of Galois theory", "the Stone-Weierstrass theorem", "Noether's theorem",
            "the Arzela-Ascoli theorem", "the Borsuk-Ulam theorem", "the Cayley-Hamilton theorem",
            "Brouwer's fixed point theorem"};
    private static final String[] HARD = {"Prove %s rigorously.", "Give a complete proof of %s and explain each "
            + "step.", "State and prove %s, with all the lemmas it needs."};

    @TempDir
    static Path dir;
    private static Path routerDir;
    private SmallBigRouter router;

    @BeforeAll
    static void trainRouter() throws Exception {
        List<String> lines = new ArrayList<>();
        // the 13 first subjects of each topic train; the last one is held out for the requests below
        for (int i = 0; i < DISHES.length - 1; i++) {
            for (int t = 0; t < 3; t++) {
                lines.add(row(EASY[t].formatted(DISHES[i]), 1, 1));
                lines.add(row(MEDIUM[t].formatted(PLACES[i]), 0.5, 1));
                lines.add(row(HARD[t].formatted(THEOREMS[i]), 0, 1));
            }
        }
        Path data = Files.write(dir.resolve("outcomes.jsonl"), lines);
        routerDir = dir.resolve("router");
        int exit = Main.run("train", "router", "--data", data.toString(), "--out", routerDir.toString(),
                "--seed", "7", "--embedding-cache", dir.resolve("embeddings").toString());
        assertThat(exit).isZero();
    }

    private static String row(String prompt, double small, double big) throws Exception {
        return JSON.writeValueAsString(Map.of("id", prompt, "prompt", prompt,
                "scores", Map.of("small-model", small, "big-model", big),
                "costs", Map.of("small-model", 1, "big-model", 10)));
    }

    @BeforeEach
    void upstreams() {
        router = new SmallBigRouter();
    }

    @AfterEach
    void stop() {
        router.close();
    }

    private void start(String signals, String decisions) {
        router.start("", signals, decisions);
    }

    private String ask(String question) {
        return router.ask(question).parse().choices().get(0).message().content().orElse("");
    }

    private HttpResponse<String> post(String question) throws Exception {
        String body = JSON.writeValueAsString(Map.of("model", "auto",
                "messages", List.of(Map.of("role", "user", "content", question))));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(router.baseUrl()
                + "/v1/chat/completions")).header("content-type", "application/json").header("x-vsr-debug", "true")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String easy() {
        return "What's a quick recipe for " + DISHES[DISHES.length - 1] + " on a weeknight?";
    }

    private static String hard() {
        return "Prove " + THEOREMS[THEOREMS.length - 1] + " rigorously, with every lemma.";
    }

    @Test
    void cheapModelForEasyPromptsBigModelForHardOnes() throws Exception {
        // listed big first: without selection every request would go to the big model
        start("", """
                - name: all
                  model_refs: [{model: big-model}, {model: small-model}]
                  selection: {type: cost_aware, router: "%s", quality_target: 0.9}
                """.formatted(routerDir.toString().replace('\\', '/')));

        assertThat(ask(easy())).startsWith("small-model says");
        assertThat(ask(hard())).startsWith("big-model says");
        HttpResponse<String> response = post(easy());
        assertThat(response.headers().firstValue("x-vsr-selected-model")).hasValue("small-model");
        assertThat(response.headers().firstValue("x-vsr-selection").orElse(""))
                .startsWith("cost_aware: small-model").contains("90%");
    }

    @Test
    void complexitySignalSendsHardPromptsToTheirOwnDecision() throws Exception {
        String path = routerDir.toString().replace('\\', '/');
        start("signals: {complexity: {router: \"%s\"}}".formatted(path), """
                - name: hard
                  priority: 10
                  rules: {type: complexity, name: hard}
                  model_refs: [{model: big-model}]
                - name: rest
                  model_refs: [{model: small-model}]
                """);

        HttpResponse<String> hard = post(hard());
        assertThat(hard.headers().firstValue("x-vsr-selected-decision")).hasValue("hard");
        assertThat(hard.headers().firstValue("x-vsr-matched-signals").orElse("")).contains("complexity:hard");
        HttpResponse<String> easy = post(easy());
        assertThat(easy.headers().firstValue("x-vsr-selected-decision")).hasValue("rest");
        assertThat(easy.headers().firstValue("x-vsr-matched-signals").orElse("")).contains("complexity:easy");
    }
}
