package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.inference.encoder.OnnxEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard eval tools} on a small MetaTool-shaped directory, with the real encoder. */
class ToolEvalTest {

    private static final String[][] TOOLS = {
            {"WeatherTool", "Current weather and forecasts for any city."},
            {"FinanceTool", "Stock prices, market data and company financials."},
            {"TranslateTool", "Translate text between languages."},
            {"RecipeTool", "Find cooking recipes by ingredient."},
            {"FlightTool", "Search and compare flights."},
            {"MusicTool", "Play songs and find music by artist."}};
    private static final String[] TOPICS = {"weather in %s this weekend", "the share price of %s", "translate %s to French",
            "a recipe with %s", "cheap flights to %s", "songs like %s"};
    private static final String[] FILLERS = {"Paris", "Tokyo", "apples", "Berlin", "Nvidia", "jazz", "Lima", "Oslo"};

    @Test
    void reportsRecallToolsKeptAndTokensPerSettingOnHeldOutQueries(@TempDir Path dir) throws Exception {
        List<String> tools = new ArrayList<>();
        List<String> single = new ArrayList<>();
        for (int t = 0; t < TOOLS.length; t++) {
            tools.add("{\"tool\":\"" + TOOLS[t][0] + "\",\"description\":\"" + TOOLS[t][1]
                    + "\",\"set\":\"single_tool\"}");
            tools.add("{\"tool\":\"" + TOOLS[t][0] + "\",\"description\":\"" + TOOLS[t][1]
                    + "\",\"set\":\"merged_multi_tool\"}");
            for (String filler : FILLERS) {
                single.add("{\"query\":\"Show me " + TOPICS[t].formatted(filler) + "\",\"tool\":\"" + TOOLS[t][0]
                        + "\"}");
            }
        }
        Files.write(dir.resolve("metatool_tools.jsonl"), tools);
        Files.write(dir.resolve("metatool_single_tool_queries.jsonl"), single);
        Files.write(dir.resolve("metatool_multi_tool_queries.jsonl"), List.of(
                "{\"query\":\"weather in Rome and flights there\",\"tools\":[\"WeatherTool\",\"FlightTool\"]}"));
        Files.write(dir.resolve("metatool_tool_awareness.jsonl"), List.of(
                "{\"query\":\"what's the weather in Rome\",\"needs_tool\":true}",
                "{\"query\":\"write me a haiku about love\",\"needs_tool\":false}"));
        String report;
        try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
            report = ToolEval.run(new ToolData(dir, 42), encoder, 0, 3, (phase, done, total) -> { });
        }
        assertThat(report).contains("## Text format, validation split", "## Single-tool queries, test split",
                "## Requests with 20 tools", "## Multi-tool queries", "## Tool awareness",
                "counted with the encoder's tokenizer", "# With catalogue examples (3 training-split queries");
        // with top_k 10 every one of the 6 tools is kept: full recall, nothing removed
        assertThat(report).contains("| 10 | none | 100.0 % | 6.00 | 0.0 % |");
        // top_k 1 keeps one tool: five sixths of the tool tokens, give or take schema lengths, are removed
        assertThat(report).containsPattern("\\| 1 \\| none \\| [0-9.]+ % \\| 1\\.00 \\| (7[5-9]|8[0-9])\\.[0-9] % \\|");
    }

    @Test
    void measuresAFileOfRequestsEachWithItsOwnToolsThroughTheSelector(@TempDir Path dir) throws Exception {
        String tools = """
                [{"type":"function","function":{"name":"get_weather","description":"Current weather for a city",
                  "parameters":{"type":"object","properties":{"city":{"type":"string","description":"city name"}}}}},
                 {"name":"send_email","description":"Send an email","parameters":{"type":"object","properties":{
                  "to":{"type":"string","description":"recipient address"}}}},
                 {"name":"convert_currency","description":"Convert an amount between currencies"},
                 {"name":"play_music","description":"Play a song or an artist"}]""".replace("\n", "");
        Path file = dir.resolve("requests.jsonl");
        Files.write(file, List.of(
                "{\"query\":\"Is it raining in Oslo right now?\",\"tools\":" + tools + ",\"gold\":\"get_weather\"}",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Mail the report to Ann\"}],\"tools\":" + tools
                        + ",\"gold\":[\"send_email\"]}",
                "{\"query\":\"no gold in the list\",\"tools\":" + tools + ",\"gold\":[\"book_flight\"]}"));
        String report;
        try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
            report = ToolRequestsEval.run(file, encoder, 0);
        }
        assertThat(report).contains("(2 requests, 4.0 tools each on average", "learned ranker (runtime)",
                "cosine + 0.1 x BM25/max");
        // top_k 10 keeps all four tools: every gold kept, nothing removed
        assertThat(report).contains("| learned ranker (runtime) | 10 | 100.0 % | 4.00 | 0.0 % |");
        // top_k 1 keeps one tool of four: most of the tool tokens are removed
        assertThat(report).containsPattern(
                "\\| learned ranker \\(runtime\\) \\| 1 \\| [0-9.]+ % \\| 1\\.00 \\| [1-9][0-9]\\.[0-9] % \\|");
    }

    @Test
    void everyQueryIsInExactlyOneSplit(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("metatool_tools.jsonl"), List.of());
        ToolData data = new ToolData(dir, 42);
        int[] counts = new int[3];
        for (int i = 0; i < 5000; i++) {
            counts[data.splitOf("query " + i).ordinal()]++;
        }
        assertThat(counts[0]).isBetween(2800, 3200);
        assertThat(counts[1]).isBetween(850, 1150);
        assertThat(counts[2]).isBetween(850, 1150);
        assertThat(data.splitOf("query 7")).isEqualTo(new ToolData(dir, 42).splitOf("query 7"));
    }
}
