package dev.switchboard.cli;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.testing.TestUpstream;

/**
 * A router in front of two test upstreams, {@code small-model} (cheap) and {@code big-model} (the default, a hundred
 * times the price), for the tests of choosing between a cheap and a strong model: cost-aware selection, the
 * complexity signal, decision records. Each test starts the router with the sections it needs, and may restart it
 * with others; the upstreams stay up until {@link #close()}.
 */
final class SmallBigRouter implements AutoCloseable {

    final TestUpstream small = TestUpstream.start("small-model");
    final TestUpstream big = TestUpstream.start("big-model");
    private RouterProcess router;

    /**
     * Starts the router, stopping one started before.
     *
     * @param routing   more keys of the {@code routing} section, one per line (may be empty)
     * @param sections  more top-level sections, such as {@code signals} (may be empty)
     * @param decisions the {@code decisions} list, its items at the left margin
     */
    void start(String routing, String sections, String decisions) {
        stopRouter();
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                routing:
                  default_model: big-model
                %s
                models:
                  - name: small-model
                    endpoints: [{url: "%s"}]
                    pricing: {input_per_1m: 0.1, output_per_1m: 0.1}
                  - name: big-model
                    endpoints: [{url: "%s"}]
                    pricing: {input_per_1m: 10, output_per_1m: 10}
                %s
                decisions:
                %s
                """.formatted(routing.indent(2), small.baseUrl(), big.baseUrl(), sections, decisions.indent(2));
        router = RouterProcess.start(ConfigLoader.parse(yaml, "small-big-test.yaml"));
    }

    /** Stops the router (draining it, so what it records is written); the upstreams stay up. */
    void stopRouter() {
        if (router != null) {
            router.close();
            router = null;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + router.port();
    }

    /** Asks {@code auto} through the official OpenAI SDK; the raw response keeps the router's headers. */
    HttpResponseFor<ChatCompletion> ask(String question) {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey("k").maxRetries(0)
                .build();
        return client.chat().completions().withRawResponse()
                .create(ChatCompletionCreateParams.builder().model("auto").addUserMessage(question).build());
    }

    @Override
    public void close() {
        stopRouter();
        small.close();
        big.close();
    }
}
