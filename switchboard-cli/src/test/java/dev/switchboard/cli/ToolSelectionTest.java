package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionNamedToolChoice;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tool selection through the router, on the real encoder, with the OpenAI SDK as the client and a TestUpstream as
 * the model: what reaches the model is the relevant tools only, never without the tools the conversation needs.
 */
class ToolSelectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Twenty everyday agent tools: name and description. */
    private static final Map<String, String> TOOLS = new java.util.LinkedHashMap<>();

    static {
        TOOLS.put("get_weather", "Get the current weather and forecast for a city");
        TOOLS.put("send_email", "Send an email to a recipient");
        TOOLS.put("search_flights", "Search flights between two airports on a date");
        TOOLS.put("book_hotel", "Book a hotel room in a city");
        TOOLS.put("get_stock_price", "Get the latest stock price of a company");
        TOOLS.put("create_calendar_event", "Create a meeting or appointment in the calendar");
        TOOLS.put("play_music", "Play a song, album or playlist");
        TOOLS.put("set_timer", "Set a countdown timer");
        TOOLS.put("calculate", "Evaluate a mathematical expression");
        TOOLS.put("search_web", "Search the web for pages about a topic");
        TOOLS.put("get_news", "Get the latest news headlines on a topic");
        TOOLS.put("order_food", "Order food delivery from a restaurant");
        TOOLS.put("convert_currency", "Convert an amount between two currencies");
        TOOLS.put("get_directions", "Get driving or walking directions between two places");
        TOOLS.put("read_file", "Read a file from the user's disk");
        TOOLS.put("run_sql", "Run a SQL query against the analytics database");
        TOOLS.put("post_tweet", "Post a message on Twitter");
        TOOLS.put("check_inventory", "Check how many units of a product are in stock");
        TOOLS.put("track_package", "Track a parcel shipment by its tracking number");
        TOOLS.put("reset_password", "Reset a user's account password");
    }

    private static final TestUpstream upstream = TestUpstream.start("m");
    private static RouterProcess router;
    private static OpenAIClient client;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path catalogue = dir.resolve("tools_db.json");
        Files.writeString(catalogue, """
                [{"tool": {"type": "function", "function": {"name": "translate_text",
                    "description": "Translate text into another language",
                    "parameters": {"type": "object", "properties": {
                      "text": {"type": "string", "description": "text to translate"},
                      "target_language": {"type": "string", "description": "language to translate into"}},
                      "required": ["text", "target_language"]}}},
                  "description": "Translate, translation between languages, French, Japanese, Spanish, German",
                  "category": "language", "tags": ["translate", "language"]}]
                """);
        router = RouterProcess.start(ConfigLoader.parse("""
                server: {host: 127.0.0.1, port: 0}
                routing: {default_model: m}
                models: [{name: m, endpoints: [{url: "%s"}]}]
                signals: {keywords: [{name: translate, keywords: [translate]}]}
                tools: {top_k: 3, catalogue: "%s", max_inline_embeddings: 70}
                decisions:
                  - name: translation
                    priority: 10
                    rules: {type: keyword, name: translate}
                    model_refs: [{model: m}]
                    plugins: [{type: tools, mode: add, top_k: 1, min_similarity: 0.5}]
                  - name: all
                    model_refs: [{model: m}]
                """.formatted(upstream.baseUrl(), catalogue.toString().replace("\\", "/")), "tools.yaml"));
        client = OpenAIOkHttpClient.builder().baseUrl(base() + "/v1").apiKey("k").build();
    }

    @AfterAll
    static void stop() {
        router.close();
        upstream.close();
    }

    @BeforeEach
    void clear() {
        upstream.reset();
    }

    private static String base() {
        return "http://127.0.0.1:" + router.port();
    }

    private static ChatCompletionCreateParams.Builder withTools(ChatCompletionCreateParams.Builder builder,
                                                                Iterable<String> names) {
        for (String name : names) {
            builder.addFunctionTool(FunctionDefinition.builder().name(name).description(TOOLS.get(name))
                    .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                            .putAdditionalProperty("properties", JsonValue.from(Map.of())).build())
                    .build());
        }
        return builder;
    }

    private static ChatCompletionCreateParams.Builder ask(String question) {
        return withTools(ChatCompletionCreateParams.builder().model("auto").addUserMessage(question), TOOLS.keySet());
    }

    private static List<String> toolsUpstreamSaw() {
        List<String> names = new ArrayList<>();
        upstream.lastRequest().path("tools").forEach(t -> names.add(t.at("/function/name").asText()));
        return names;
    }

    @Test
    void onlyTheRelevantToolsReachTheModel() {
        HttpResponseFor<ChatCompletion> response = client.chat().completions().withRawResponse()
                .create(ask("What's the weather going to be like in Paris tomorrow?").build());
        assertThat(response.parse().choices().get(0).message().content()).hasValueSatisfying(
                text -> assertThat(text).startsWith("m says:"));
        assertThat(response.headers().values("x-vsr-tools-selected")).containsExactly("3/20");
        assertThat(toolsUpstreamSaw()).hasSize(3).contains("get_weather");
        // the definition reaches the model exactly as the client sent it
        assertThat(upstream.lastRequest().at("/tools/0/function/parameters/type").asText()).isEqualTo("object");
    }

    @Test
    void aLargeNewToolSetPassesThroughUntilItIsEmbeddedThenIsFiltered() throws Exception {
        // 25 tools never seen, three views each: 75 texts > max_inline_embeddings 70, so not on the request's thread
        List<String> names = new ArrayList<>();
        ChatCompletionCreateParams.Builder builder = ChatCompletionCreateParams.builder().model("auto")
                .addUserMessage("What's the weather going to be like in Lisbon tomorrow?");
        for (String name : TOOLS.keySet()) {
            names.add(name + "_v2");
            builder.addFunctionTool(FunctionDefinition.builder().name(name + "_v2")
                    .description(TOOLS.get(name) + " (version 2)").build());
        }
        for (int i = 0; i < 5; i++) {
            names.add("internal_report_" + i);
            builder.addFunctionTool(FunctionDefinition.builder().name("internal_report_" + i)
                    .description("Quarterly internal report number " + i).build());
        }
        ChatCompletionCreateParams params = builder.build();
        HttpResponseFor<ChatCompletion> first = client.chat().completions().withRawResponse().create(params);
        assertThat(first.headers().values("x-vsr-tools-selected")).containsExactly("25/25");
        assertThat(toolsUpstreamSaw()).containsExactlyElementsOf(names);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        List<String> selected;
        do {
            Thread.sleep(100); // waiting for the background embedder, not timing it
            selected = client.chat().completions().withRawResponse().create(params).headers()
                    .values("x-vsr-tools-selected");
        } while (selected.contains("25/25") && System.nanoTime() < deadline);
        assertThat(selected).containsExactly("3/25");
        assertThat(toolsUpstreamSaw()).hasSize(3).contains("get_weather_v2");
    }

    @Test
    void streamingRequestsAreFilteredToo() {
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                .createStreaming(ask("Track my parcel, the tracking number is 1Z999AA10123456784").build())) {
            assertThat(stream.stream().count()).isPositive();
        }
        assertThat(toolsUpstreamSaw()).hasSize(3).contains("track_package");
    }

    @Test
    void toolChoiceAndEarlierCalledToolsSurvive() {
        ChatCompletionCreateParams params = ask("And what's the weather in Oslo?")
                .toolChoice(ChatCompletionToolChoiceOption.ofNamedToolChoice(ChatCompletionNamedToolChoice.builder()
                        .function(ChatCompletionNamedToolChoice.Function.builder().name("play_music").build())
                        .build()))
                .messages(List.of()).addUserMessage("Where is my parcel 1Z999?")
                .addMessage(assistantCalling("call_1", "track_package", "{\"number\":\"1Z999\"}"))
                .addMessage(toolResult("call_1", "In transit, arrives Friday."))
                .addUserMessage("And what's the weather in Oslo?").build();
        client.chat().completions().create(params);
        assertThat(toolsUpstreamSaw()).contains("get_weather", "play_music", "track_package");
    }

    @Test
    void aToolCallRoundTripKeepsWorking() throws Exception {
        client.chat().completions().create(ask("Convert 250 US dollars to euros").build());
        assertThat(toolsUpstreamSaw()).contains("convert_currency").hasSize(3);
        // the model called the tool; the client sends the result back with the whole tool list again
        ChatCompletion answer = client.chat().completions().create(ask("Convert 250 US dollars to euros")
                .addMessage(assistantCalling("call_9", "convert_currency", "{\"amount\":250,\"from\":\"USD\","
                        + "\"to\":\"EUR\"}"))
                .addMessage(toolResult("call_9", "231.40 EUR")).build());
        assertThat(answer.choices().get(0).message().content()).hasValueSatisfying(
                text -> assertThat(text).startsWith("m says:"));
        JsonNode sent = upstream.lastRequest();
        assertThat(toolsUpstreamSaw()).contains("convert_currency");
        assertThat(sent.at("/messages/1/tool_calls/0/function/name").asText()).isEqualTo("convert_currency");
        assertThat(sent.at("/messages/2/role").asText()).isEqualTo("tool");
        assertThat(sent.at("/messages/2/tool_call_id").asText()).isEqualTo("call_9");
    }

    @Test
    void addModeAddsACatalogueTool() {
        client.chat().completions().create(withTools(ChatCompletionCreateParams.builder().model("auto")
                .addUserMessage("Please translate 'good morning' into Japanese"), List.of("get_weather")).build());
        assertThat(toolsUpstreamSaw()).containsExactly("get_weather", "translate_text");
        assertThat(upstream.lastRequest().at("/tools/1/function/parameters/required/1").asText())
                .isEqualTo("target_language");
    }

    @Test
    void explainShowsThePlanWithoutCallingAModel() throws Exception {
        HttpResponse<String> res = post("/api/v1/route/explain", requestJson("Is it going to rain in Berlin today?"));
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode plan = JSON.readTree(res.body());
        assertThat(plan.path("decision").asText()).isEqualTo("all");
        assertThat(plan.path("model").asText()).isEqualTo("m");
        assertThat(plan.path("response_path").asText()).isEqualTo("upstream");
        assertThat(plan.at("/tools/selected").asText()).isEqualTo("3/20");
        JsonNode best = plan.at("/tools/tools/0");
        assertThat(best.path("name").asText()).isEqualTo("get_weather");
        assertThat(best.path("kept").asBoolean()).isTrue();
        assertThat(best.path("score").asDouble()).isGreaterThan(plan.at("/tools/tools/19/score").asDouble());
        assertThat(upstream.hits()).isZero();
    }

    @Test
    void classificationApiRanksTools() throws Exception {
        String tools = JSON.writeValueAsString(JSON.readTree(requestJson("x")).get("tools"));
        HttpResponse<String> res = post("/api/v1/classify/tools",
                "{\"text\":\"remind me about the dentist appointment on Monday at 3pm\",\"tools\":" + tools + "}");
        JsonNode ranked = JSON.readTree(res.body());
        assertThat(ranked.at("/tools/0/name").asText()).isEqualTo("create_calendar_event");
        assertThat(ranked.path("selected").asText()).isEqualTo("3/20");
        HttpResponse<String> bad = post("/api/v1/classify/tools", "{\"text\":\"hi\",\"tools\":{}}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).at("/error/message").asText()).contains("tools");
    }

    @Test
    void malformedToolsGetAnOpenAiErrorNamingTheField() throws Exception {
        HttpResponse<String> res = post("/v1/chat/completions", "{\"model\":\"auto\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"weather in Rome?\"}],\"tools\":[{\"type\":\"function\",\"function\":"
                + "{\"name\":\"get_weather\"}},42]}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(res.body()).at("/error/message").asText()).contains("tools[1]");
        assertThat(upstream.hits()).isZero();
    }

    @Test
    void metricsCountToolsInAndOut() throws Exception {
        client.chat().completions().create(ask("What's the Apple stock price right now?").build());
        // metrics are served on the admin listener
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.adminPort()
                        + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("llm_tools_in_total", "llm_tools_out_total",
                "llm_tools_prompt_tokens_saved_total");
    }

    private static String requestJson(String question) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode().put("model", "auto");
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        var tools = body.putArray("tools");
        TOOLS.forEach((name, description) -> tools.addObject().put("type", "function").putObject("function")
                .put("name", name).put("description", description));
        return JSON.writeValueAsString(body);
    }

    private static ChatCompletionAssistantMessageParam assistantCalling(String id, String tool, String arguments) {
        return ChatCompletionAssistantMessageParam.builder().addToolCall(ChatCompletionMessageFunctionToolCall
                .builder().id(id).function(ChatCompletionMessageFunctionToolCall.Function.builder().name(tool)
                        .arguments(arguments).build()).build()).build();
    }

    private static ChatCompletionToolMessageParam toolResult(String id, String content) {
        return ChatCompletionToolMessageParam.builder().toolCallId(id).content(content).build();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
