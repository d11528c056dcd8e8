package dev.switchboard.core.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.ToolSettings;
import dev.switchboard.core.config.ToolSettings.Policy;
import dev.switchboard.core.config.ToolSettings.WhenNoneRelevant;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.request.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The selection rules on a tiny bag-of-topics encoder (the real encoder's relevance is measured by
 * {@code switchboard eval tools} and exercised end to end in the CLI's ToolSelectionTest).
 */
class ToolSelectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOPICS = List.of("weather", "email", "stock", "calendar", "translate", "map");

    /** Embeds a text as the normalized counts of the topic words it contains. */
    static class TopicEncoder implements TextEncoder {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Encoding encode(String text) {
            calls.incrementAndGet();
            float[] v = new float[TOPICS.size() + 1];
            String lower = text.toLowerCase(Locale.ROOT);
            for (int i = 0; i < TOPICS.size(); i++) {
                v[i] = lower.contains(TOPICS.get(i)) ? 1 : 0;
            }
            v[TOPICS.size()] = 0.1f; // every text shares a little, so unrelated texts score just above 0
            float norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
            return new Encoding(v, new float[0][], new int[0][], false);
        }

        @Override
        public String modelId() {
            return "topics";
        }

        @Override
        public int dimension() {
            return TOPICS.size() + 1;
        }
    }

    private final TopicEncoder encoder = new TopicEncoder();
    private final ToolSelector selector = new ToolSelector(new ToolEmbeddings(encoder, 100), null);

    private static ObjectNode request(String user, String... extraJson) throws Exception {
        StringBuilder tools = new StringBuilder();
        for (String topic : TOPICS) {
            tools.append(tools.length() == 0 ? "" : ",").append("{\"type\":\"function\",\"function\":{\"name\":\"")
                    .append(topic).append("_tool\",\"description\":\"does ").append(topic).append(" things\"}}");
        }
        String extra = extraJson.length == 0 ? "" : "," + String.join(",", extraJson);
        return (ObjectNode) JSON.readTree("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + user + "\"}],\"tools\":[" + tools + "]" + extra + "}");
    }

    private ToolSelection select(Policy policy, ObjectNode body) {
        String user = body.at("/messages/0/content").asText();
        return selector.apply(policy, body, user, () -> encoder.encode(user));
    }

    private static List<String> names(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.path("tools").forEach(t -> names.add(t.at("/function/name").asText()));
        return names;
    }

    private static Policy policy(int topK, double min, WhenNoneRelevant none, String... keep) {
        return new Policy(ToolSettings.Mode.FILTER, topK, min, none, List.of(keep));
    }

    @Test
    void keepsTheMostSimilarToolsInTheClientsOrder() throws Exception {
        ObjectNode body = request("what is the weather and then email it");
        ToolSelection selection = select(policy(2, 0.0, WhenNoneRelevant.KEEP_ALL), body);
        assertThat(names(body)).containsExactly("weather_tool", "email_tool");
        assertThat(selection.headerValue()).isEqualTo("2/6");
        assertThat(selection.kept()).extracting(ToolSelection.ScoredTool::reason).containsOnly("relevant");
        assertThat(selection.removedChars()).isPositive();
    }

    @Test
    void aWordTheRequestSharesWithOneToolBreaksATieOfSimilarity() throws Exception {
        // both tools are "weather" to the encoder (equal cosine); only one of them says "alerts"
        ObjectNode body = (ObjectNode) JSON.readTree("""
                {"model":"auto","messages":[{"role":"user","content":"any weather alerts for Texas?"}],"tools":[
                {"type":"function","function":{"name":"weather_forecast","description":"weather forecast by city"}},
                {"type":"function","function":{"name":"weather_alerts","description":"severe weather alerts"}}]}""");
        ToolSelection selection = select(policy(1, 0.0, WhenNoneRelevant.KEEP_ALL), body);
        assertThat(names(body)).containsExactly("weather_alerts");
        assertThat(selection.tools().get(0).score()).isEqualTo(selection.tools().get(1).score()); // the cosines
    }

    @Test
    void toolChoiceAndCalledToolsAreNeverDropped() throws Exception {
        ObjectNode body = request("what is the weather",
                "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"map_tool\"}}");
        body.withArray("messages").addObject().put("role", "assistant").putArray("tool_calls").addObject()
                .put("id", "c1").put("type", "function").putObject("function").put("name", "stock_tool")
                .put("arguments", "{}");
        body.withArray("messages").addObject().put("role", "tool").put("tool_call_id", "c1").put("content", "42");
        ToolSelection selection = select(policy(1, 0.5, WhenNoneRelevant.KEEP_NONE, "calendar_tool"), body);
        assertThat(names(body)).containsExactly("weather_tool", "stock_tool", "calendar_tool", "map_tool");
        assertThat(selection.kept()).extracting(ToolSelection.ScoredTool::name, ToolSelection.ScoredTool::reason)
                .contains(org.assertj.core.groups.Tuple.tuple("map_tool", "tool_choice"),
                        org.assertj.core.groups.Tuple.tuple("stock_tool", "called"),
                        org.assertj.core.groups.Tuple.tuple("calendar_tool", "always_keep"));
    }

    @Test
    void toolChoiceNoneLeavesTheListAlone() throws Exception {
        ObjectNode body = request("what is the weather", "\"tool_choice\":\"none\"");
        JsonNode before = body.deepCopy();
        assertThat(select(policy(1, 0.0, WhenNoneRelevant.KEEP_ALL), body)).isNull();
        assertThat(body).isEqualTo(before);
    }

    @Test
    void whenNothingIsRelevantTheConfiguredFallbackApplies() throws Exception {
        ObjectNode keepAll = request("tell me a joke");
        select(policy(2, 0.5, WhenNoneRelevant.KEEP_ALL), keepAll);
        assertThat(names(keepAll)).hasSize(6);

        ObjectNode keepTopK = request("tell me a joke");
        select(policy(2, 0.5, WhenNoneRelevant.KEEP_TOP_K), keepTopK);
        assertThat(names(keepTopK)).hasSize(2);

        ObjectNode keepNone = request("tell me a joke", "\"tool_choice\":\"auto\",\"parallel_tool_calls\":true");
        ToolSelection none = select(policy(2, 0.5, WhenNoneRelevant.KEEP_NONE), keepNone);
        // no tools left: the tool fields go too, as an empty tools list is an error for OpenAI-compatible servers
        assertThat(keepNone.has("tools")).isFalse();
        assertThat(keepNone.has("tool_choice")).isFalse();
        assertThat(keepNone.has("parallel_tool_calls")).isFalse();
        assertThat(none.headerValue()).isEqualTo("0/6");
    }

    @Test
    void requiredToolChoiceNeverEndsWithoutTools() throws Exception {
        ObjectNode body = request("tell me a joke", "\"tool_choice\":\"required\"");
        select(policy(2, 0.5, WhenNoneRelevant.KEEP_NONE), body);
        assertThat(names(body)).hasSize(2);
    }

    @Test
    void toolTextsAreEmbeddedOncePerToolSet() throws Exception {
        select(policy(2, 0.0, WhenNoneRelevant.KEEP_ALL), request("weather"));
        int afterFirst = encoder.calls.get();
        select(policy(2, 0.0, WhenNoneRelevant.KEEP_ALL), request("weather"));
        assertThat(encoder.calls.get() - afterFirst).isEqualTo(1); // only the user text (the test encodes it)
    }

    @Test
    void malformedToolsAreRejectedNamingTheField() throws Exception {
        ObjectNode body = request("weather");
        body.withArray("tools").add("oops");
        assertThatThrownBy(() -> select(policy(2, 0.0, WhenNoneRelevant.KEEP_ALL), body))
                .isInstanceOf(ApiException.class).hasMessageContaining("tools[6]");
    }

    @Test
    void addModeAddsRelevantCatalogueToolsFromAVsrToolsDb(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("tools_db.json");
        Files.writeString(db, """
                [{"tool": {"type": "function", "function": {"name": "translate_text",
                   "description": "Translate text", "parameters": {"type": "object", "properties": {
                     "target": {"type": "string", "description": "target language"}}}}},
                  "description": "translate between languages", "category": "language", "tags": ["translate"]},
                 {"type": "function", "function": {"name": "calendar_add", "description": "add calendar events"}}]
                """);
        ToolSelector adding = new ToolSelector(new ToolEmbeddings(encoder, 100),
                ToolCatalogue.load(db, new ToolEmbeddings(encoder, 100)));
        ObjectNode body = request("translate this email to French");
        ToolSelection selection = adding.apply(new Policy(ToolSettings.Mode.ADD, 1, 0.5, WhenNoneRelevant.KEEP_ALL,
                List.of()), body, "translate this email to French", () -> encoder.encode("translate email"));
        assertThat(names(body)).hasSize(7).endsWith("translate_text");
        assertThat(body.at("/tools/6/function/parameters/properties/target/type").asText()).isEqualTo("string");
        assertThat(body.at("/tools/6").has("tags")).isFalse(); // catalogue metadata is not sent to the model
        assertThat(selection.headerValue()).isEqualTo("7/6");
    }

    @Test
    void catalogueExamplesRankAClientsToolOfTheSameName(@TempDir Path dir) throws Exception {
        // the client's map_tool says nothing about weather, but the catalogue knows users ask it for weather maps
        Path db = dir.resolve("tools_db.json");
        Files.writeString(db, """
                [{"tool": {"type": "function", "function": {"name": "map_tool", "description": "maps"}},
                  "examples": ["show the weather radar", "weather map for today"]}]
                """);
        ToolSelector knowing = new ToolSelector(new ToolEmbeddings(encoder, 100),
                ToolCatalogue.load(db, new ToolEmbeddings(encoder, 100)));
        ObjectNode body = request("weather radar please");
        ToolSelection selection = knowing.apply(policy(2, 0.0, WhenNoneRelevant.KEEP_ALL), body,
                "weather radar please", () -> encoder.encode("weather radar please"));
        assertThat(names(body)).containsExactly("weather_tool", "map_tool");
        assertThat(selection.kept()).extracting(ToolSelection.ScoredTool::name).contains("map_tool");
    }
}
