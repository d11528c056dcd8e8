package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.testing.Fault;
import dev.switchboard.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The semantic cache through the router, with the OpenAI SDK and the real encoder. */
class SemanticCacheTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestUpstream upstream;
    private RouterProcess router;
    private OpenAIClient client;

    private void start(String cacheSection, String plugin) {
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                routing: {default_model: m}
                upstream: {retry: {max_attempts: 1}}
                models:
                  - name: m
                    endpoints: [{url: "%s"}]
                  - name: other
                    endpoints: [{url: "%s"}]
                signals:
                  keywords: [{name: other, keywords: [zebra]}]
                %s
                decisions:
                  - name: other
                    priority: 10
                    rules: {type: keyword, name: other}
                    model_refs: [{model: other}]
                    plugins: [%s]
                  - name: main
                    model_refs: [{model: m}]
                    plugins: [%s]
                """.formatted(upstream.baseUrl(), upstream.baseUrl(), cacheSection, plugin, plugin);
        router = RouterProcess.start(ConfigLoader.parse(yaml, "cache-test.yaml"));
        client = OpenAIOkHttpClient.builder().baseUrl(base() + "/v1").apiKey("k").maxRetries(0).build();
    }

    @BeforeEach
    void upstream() {
        upstream = TestUpstream.start("m");
    }

    @AfterEach
    void stop() {
        if (router != null) {
            router.close();
        }
        upstream.close();
    }

    private String base() {
        return "http://127.0.0.1:" + router.port();
    }

    /** The admin listener: cache administration and metrics live there, not on the API port. */
    private String admin() {
        return "http://127.0.0.1:" + router.adminPort();
    }

    private HttpResponse<String> chat(String user, String system, boolean stream, String... headers) throws Exception {
        String sys = system == null ? "" : "{\"role\":\"system\",\"content\":\"" + system + "\"},";
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"stream\":" + stream
                        + ",\"messages\":[" + sys + "{\"role\":\"user\",\"content\":\"" + user + "\"}]}"));
        for (int i = 0; i < headers.length; i += 2) {
            req.header(headers[i], headers[i + 1]);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Answers are stored off the response path; wait (bounded) until the store holds {@code count} entries. */
    private void awaitEntries(int count) throws Exception {
        awaitAdmin("entries", count);
    }

    private void awaitAdmin(String field, int count) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode admin = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(admin() + "/admin/cache"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            if (admin.path(field).asInt() >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the cache's " + field + " never reached " + count);
    }

    private static String cacheHit(HttpResponse<String> res) {
        return res.headers().firstValue("x-vsr-cache-hit").orElse("absent");
    }

    private String ask(String question) {
        return client.chat().completions()
                .create(ChatCompletionCreateParams.builder().model("auto").addUserMessage(question).build())
                .choices().get(0).message().content().orElse("");
    }

    @Test
    void repeatsAndParaphrasesHitDifferentQuestionsMiss() throws Exception {
        start("cache: {enabled: true, similarity_threshold: 0.85}", "");
        assertThat(ask("How do I convert 5 km to miles?")).isEqualTo("m says: How do I convert 5 km to miles?");
        awaitEntries(1);
        assertThat(ask("How do I convert 5 km to miles?")).isEqualTo("m says: How do I convert 5 km to miles?");
        assertThat(upstream.hits()).isEqualTo(1);

        HttpResponse<String> paraphrase = chat("how can I convert 5 kilometers to miles", null, false);
        assertThat(cacheHit(paraphrase)).isEqualTo("true");
        assertThat(paraphrase.headers().firstValue("x-vsr-response-path")).hasValue("cache");
        assertThat(Double.parseDouble(paraphrase.headers().firstValue("x-vsr-cache-similarity").orElseThrow()))
                .isBetween(0.85, 1.0);
        assertThat(upstream.hits()).isEqualTo(1);

        HttpResponse<String> swapped = chat("How do I convert 5 miles to km?", null, false);
        assertThat(cacheHit(swapped)).isEqualTo("false");
        assertThat(JSON.readTree(swapped.body()).at("/choices/0/message/content").asText())
                .isEqualTo("m says: How do I convert 5 miles to km?");
        assertThat(upstream.hits()).isEqualTo(2);
    }

    @Test
    void contextDecisionAndBypassKeepAnswersApart() throws Exception {
        start("cache: {enabled: true}", "");
        chat("what is a zebra crossing", null, false);
        chat("what is the boiling point of water", null, false);
        awaitEntries(2);
        assertThat(cacheHit(chat("what is the boiling point of water", null, false))).isEqualTo("true");
        assertThat(cacheHit(chat("what is the boiling point of water", "Answer in French.", false)))
                .isEqualTo("false");
        assertThat(cacheHit(chat("what is the boiling point of water", null, false, "x-vsr-cache-control",
                "no-cache"))).isEqualTo("absent");
        assertThat(cacheHit(chat("what is a zebra crossing", null, false))).isEqualTo("true");
        assertThat(upstream.hits()).isEqualTo(4);
    }

    @Test
    void streamingHitsReplayAsSseAndStreamsAreStored() throws Exception {
        start("", "{type: cache}");
        chat("name three primary colors", null, false);
        awaitEntries(1);
        HttpResponse<String> replay = chat("name three primary colors", null, true);
        assertThat(cacheHit(replay)).isEqualTo("true");
        assertThat(replay.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(replay.body()).endsWith("data: [DONE]\n\n");
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("auto").addUserMessage("name three primary colors")
                        .build())) {
            assertThat(stream.stream().flatMap(c -> c.choices().stream())
                    .map(c -> c.delta().content().orElse("")).collect(Collectors.joining()))
                    .isEqualTo("m says: name three primary colors");
        }
        chat("list the planets of the solar system", null, true); // stored from the stream itself
        awaitEntries(2);
        HttpResponse<String> fromStream = chat("list the planets of the solar system", null, false);
        assertThat(cacheHit(fromStream)).isEqualTo("true");
        assertThat(JSON.readTree(fromStream.body()).at("/choices/0/message/content").asText())
                .isEqualTo("m says: list the planets of the solar system");
        assertThat(upstream.hits()).isEqualTo(2);
    }

    @Test
    void entriesExpireAndEvictAtCapacity() throws Exception {
        start("cache: {enabled: true, max_entries: 2, ttl: 300ms}", "");
        chat("first question about rivers", null, false);
        awaitEntries(1);
        Thread.sleep(400);
        assertThat(cacheHit(chat("first question about rivers", null, false))).isEqualTo("false");
        router.close();
        start("cache: {enabled: true, max_entries: 2}", "");
        chat("question one about oceans", null, false);
        awaitEntries(1);
        chat("question two about deserts", null, false);
        awaitEntries(2);
        chat("question three about forests", null, false);
        awaitAdmin("evictions", 1); // the third store evicts the least recently used entry
        assertThat(cacheHit(chat("question one about oceans", null, false))).isEqualTo("false");
        assertThat(cacheHit(chat("question three about forests", null, false))).isEqualTo("true");
        JsonNode admin = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(admin() + "/admin/cache")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(admin.get("entries").asInt()).isEqualTo(2);
        assertThat(admin.get("evictions").asInt()).isGreaterThanOrEqualTo(1);
        String metrics = http.send(HttpRequest.newBuilder(URI.create(admin() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("llm_cache_hits_total", "llm_cache_misses_total", "llm_cache_entries",
                "llm_cache_evictions_total", "llm_cache_lookup_latency_seconds_count");
        http.send(HttpRequest.newBuilder(URI.create(admin() + "/admin/cache")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cacheHit(chat("question three about forests", null, false))).isEqualTo("false");
    }

    @Test
    void errorsAndBrokenStreamsAreNotCached() throws Exception {
        start("cache: {enabled: true}", "");
        upstream.enqueue(Fault.status(500));
        assertThat(chat("will this fail", null, false).statusCode()).isEqualTo(502);
        assertThat(cacheHit(chat("will this fail", null, false))).isEqualTo("false");
        upstream.enqueue(Fault.resetAfterChunks(2));
        chat("a stream that breaks", null, true);
        assertThat(cacheHit(chat("a stream that breaks", null, false))).isEqualTo("false");
    }

    @Test
    void sharedBackendOutageKeepsServing() throws Exception {
        start("""
                cache:
                  enabled: true
                  backend: postgres
                  postgres: {url: "jdbc:postgresql://127.0.0.1:9/none?connectTimeout=1"}
                """, "");
        HttpResponse<String> res = chat("is the router still up", null, false);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(cacheHit(chat("is the router still up", null, false))).isEqualTo("false");
        String ready = http.send(HttpRequest.newBuilder(URI.create(base() + "/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(ready).contains("degraded");
    }
}
