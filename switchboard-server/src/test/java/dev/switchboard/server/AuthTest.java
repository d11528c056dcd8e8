package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import dev.switchboard.core.config.KeyDigest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client API keys through the real proxy, with the official OpenAI SDK as the client: 401 for a missing or wrong
 * key, 403 for a model or decision the key may not use, 429 past a rate limit, the tenant's name (never its key)
 * in the metrics, and whose key goes upstream.
 */
class AuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEAM_A = "sk-team-a-key-0123456789";
    private static final String LIMITED = "sk-limited-key-0123456789";
    private static final String TIGHT = "sk-tight-key-0123456789";
    private static final String TOKENS = "sk-tokens-key-0123456789";
    private static final String BYOK = "sk-byok-upstream-0123456789";

    private static Path keyFile;
    private static RouterHarness h;

    @BeforeAll
    static void start() throws IOException {
        keyFile = Files.createTempFile("switchboard-key", ".txt");
        Files.writeString(keyFile, LIMITED + "\n");
        h = new RouterHarness("""
                auth:
                  keys:
                    - name: team-a
                      key_sha256: %s
                    - name: limited
                      key_file: "%s"
                      allowed_models: [auto]
                      allowed_decisions: [greeting, quick]
                    - name: tight
                      key: %s
                      rate_limit: {requests_per_minute: 2}
                    - name: tokens
                      key: %s
                      rate_limit: {tokens_per_minute: 40}
                    - name: byok
                      key: %s
                      upstream_key: client
                """.formatted(sha256Hex(TEAM_A), keyFile, TIGHT, TOKENS, BYOK));
    }

    @AfterAll
    static void stop() throws IOException {
        h.close();
        Files.deleteIfExists(keyFile);
    }

    private static String sha256Hex(String key) {
        return HexFormat.of().formatHex(KeyDigest.sha256(key));
    }

    private static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(h.baseUrl() + "/v1").apiKey(key).maxRetries(0).build();
    }

    private static ChatCompletionCreateParams params(String model, String user) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(user).build();
    }

    private static JsonNode error(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).get("error");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aRequestWithoutAKeyIsRefusedWith401() throws Exception {
        HttpResponse<String> res = h.chat("auto", "solve this equation", false);
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(error(res).get("code").asText()).isEqualTo("invalid_api_key");
        assertThat(h.smart.hits() + h.smartReplica.hits()).isZero();
    }

    @Test
    void aWrongKeyIsRefusedWith401ThroughTheSdk() {
        assertThatThrownBy(() -> client("sk-not-a-key-0123456789").chat().completions()
                .create(params("auto", "hello there")))
                .isInstanceOfSatisfying(UnauthorizedException.class,
                        e -> assertThat(e.code()).hasValue("invalid_api_key"));
    }

    @Test
    void aValidKeyIsServedStreamingAndNot() {
        ChatCompletion completion = client(TEAM_A).chat().completions().create(params("fast", "plain question"));
        assertThat(completion.choices().get(0).message().content()).hasValue("fast says: plain question");
        try (StreamResponse<ChatCompletionChunk> stream =
                     client(TEAM_A).chat().completions().createStreaming(params("auto", "urgent thing"))) {
            String text = stream.stream().flatMap(c -> c.choices().stream())
                    .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
            assertThat(text).isEqualTo("fast says: urgent thing");
        }
    }

    @Test
    void everyApiEndpointButHealthAndReadyNeedsAKey() throws Exception {
        assertThat(h.get("/v1/models").statusCode()).isEqualTo(401);
        assertThat(h.get("/info/classifier").statusCode()).isEqualTo(401);
        assertThat(h.post("/api/v1/classify/intent", "{\"text\":\"hi\"}".getBytes()).statusCode()).isEqualTo(401);
        assertThat(h.get("/no/such/path").statusCode()).isEqualTo(401);
        assertThat(h.get("/health").statusCode()).isEqualTo(200);
        assertThat(h.get("/ready").statusCode()).isEqualTo(200);
        assertThat(client(TEAM_A).models().list().data()).isNotEmpty();
    }

    @Test
    void theModelListShowsOnlyWhatTheKeyMayUse() {
        List<String> all = client(TEAM_A).models().list().data().stream().map(Model::id).toList();
        List<String> limited = client(LIMITED).models().list().data().stream().map(Model::id).toList();
        assertThat(all).contains("auto", "fast");
        assertThat(limited).containsExactly("auto");
    }

    @Test
    void aModelTheKeyMayNotUseIsRefusedWith403NamingIt() {
        assertThatThrownBy(() -> client(LIMITED).chat().completions().create(params("fast", "plain question")))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.code()).hasValue("model_not_allowed");
                    assertThat(e.getMessage()).contains("'fast'").contains("limited");
                });
        assertThat(client(LIMITED).chat().completions().create(params("auto", "urgent thing"))
                .choices().get(0).message().content()).hasValue("fast says: urgent thing");
    }

    @Test
    void aDecisionTheKeyMayNotTakeIsRefusedWith403() throws Exception {
        HttpResponse<String> res = h.chat("auto", "solve this equation", false,
                "authorization", "Bearer " + LIMITED);
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(error(res).get("code").asText()).isEqualTo("decision_not_allowed");
        assertThat(error(res).get("message").asText()).contains("'math'");
    }

    @Test
    void requestsPastTheLimitGet429WithRetryAfter() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertThat(h.chat("fast", "plain question", false, "authorization", "Bearer " + TIGHT).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> limited = h.chat("fast", "plain question", false, "authorization", "Bearer " + TIGHT);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 60L);
        assertThat(error(limited).get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error(limited).get("type").asText()).isEqualTo("requests");
        // another tenant is not affected
        assertThat(h.chat("fast", "plain question", false, "authorization", "Bearer " + TEAM_A).statusCode())
                .isEqualTo(200);
    }

    @Test
    void promptTokensPastTheLimitGet429() throws Exception {
        String longQuestion = "tell me about " + "many things ".repeat(20); // > 160 bytes: > 40 tokens
        assertThat(h.chat("fast", longQuestion, false, "authorization", "Bearer " + TOKENS).statusCode())
                .isEqualTo(200);
        HttpResponse<String> limited = h.chat("fast", "short", false, "authorization", "Bearer " + TOKENS);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(error(limited).get("type").asText()).isEqualTo("tokens");
        assertThat(limited.headers().firstValue("retry-after")).isPresent();
    }

    @Test
    void metricsNameTheTenantNeverTheKey() throws Exception {
        client(TEAM_A).chat().completions().create(params("fast", "plain question"));
        h.chat("fast", "plain question", false, "authorization", "Bearer sk-wrong-key-0123456789");
        String metrics = h.admin("/metrics").body();
        assertThat(metrics).contains("llm_auth_requests_total{result=\"allowed\",tenant=\"team-a\"}",
                "llm_auth_requests_total{result=\"invalid_key\",tenant=\"-\"}", "llm_tenant_tokens_total{tenant=\"team-a\"}");
        assertThat(metrics).doesNotContain(TEAM_A, LIMITED, TIGHT, TOKENS, BYOK, "sk-wrong-key", sha256Hex(TEAM_A));
    }

    @Test
    void theClientsKeyGoesUpstreamOnlyWhenItsKeySaysSo() {
        client(BYOK).chat().completions().create(params("backup", "plain question"));
        assertThat(h.backup.lastAuthorization()).isEqualTo("Bearer " + BYOK);
        client(TEAM_A).chat().completions().create(params("backup", "plain question"));
        assertThat(h.backup.lastAuthorization()).isEqualTo("Bearer sk-test-123");
    }

    @Test
    void adminEndpointsAreNotOnTheApiPortButOnTheAdminListener() throws Exception {
        HttpResponse<String> apiCache = h.get("/admin/cache");
        assertThat(apiCache.statusCode()).isEqualTo(404);
        assertThat(error(apiCache).get("code").asText()).isNotEqualTo("cache_not_configured"); // no such route
        assertThat(h.get("/metrics").statusCode()).isEqualTo(404);
        // the admin listener runs the cache service itself (this config caches nothing) and serves metrics
        assertThat(error(h.admin("/admin/cache")).get("code").asText()).isEqualTo("cache_not_configured");
        assertThat(h.admin("/metrics").statusCode()).isEqualTo(200);
        assertThat(h.router.adminPort()).isNotEqualTo(h.router.port());
    }
}
