package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.ToolSettings;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.tools.ToolEmbeddings;
import dev.switchboard.core.tools.ToolScorer;
import dev.switchboard.core.tools.ToolSelector;
import dev.switchboard.inference.encoder.OnnxEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What tool selection costs on top of the shared encoder pass, for a request carrying 200 tools (MetaTool's 199 plus
 * one), as the router runs it (the shipped scorer, the default {@code max_inline_embeddings}): the first sight of the
 * tool set (passed through while the background embeds every tool's three views; how long the request took and how
 * long until the set is ready) and then per request (tool-set digest, BM25, six features and the learned score per
 * tool, protected tools, rewrite of the tools list). The user text's encoding is computed once up front:
 * it is the shared pass every signal reads, not a cost of this stage. Times are per call on one thread.
 *
 * <pre>./mvnw -q -o -DskipTests -pl switchboard-cli,switchboard-bench -am package
 * java -cp switchboard-cli/target/switchboard.jar:switchboard-bench/target/classes \
 *     dev.switchboard.bench.ToolSelectionBench ../shared/data/tools [iterations]</pre>
 */
public final class ToolSelectionBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolSelectionBench() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data/tools");
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
            ObjectNode request = request(data);
            String user = request.at("/messages/0/content").asText();
            Encoding shared = encoder.encode(user);
            ToolEmbeddings embeddings = new ToolEmbeddings(encoder, 8192);
            ToolSelector selector = new ToolSelector(embeddings, null, ToolSettings.DEFAULT_MAX_INLINE_EMBEDDINGS,
                    ToolScorer.shippedFor(encoder.modelId()));
            ToolSettings.Policy policy = ToolSettings.Policy.DEFAULTS;
            long start = System.nanoTime();
            String first = selector.apply(policy, request.deepCopy(), user, () -> shared).headerValue();
            double firstMs = (System.nanoTime() - start) / 1e6;
            while (!embeddings.idle()) {
                Thread.sleep(1);
            }
            System.out.printf("encoder %s; %d tools; first sight of the tool set: request answered in %.1f ms (%s, "
                    + "passed through), set embedded in the background in %.1f ms%n", encoder.modelId(),
                    request.get("tools").size(), firstMs, first, (System.nanoTime() - start) / 1e6);
            double[] ms = new double[iterations];
            for (int i = -iterations; i < iterations; i++) { // the first half warms the JIT up
                ObjectNode body = request.deepCopy(); // the pipeline's own copy of the body, not this stage's cost
                long t = System.nanoTime();
                selector.apply(policy, body, user, () -> shared);
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
            }
            Arrays.sort(ms);
            System.out.printf("per request on top of the shared pass: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms "
                    + "(%d calls)%n", ms[iterations / 2], ms[iterations * 9 / 10], ms[iterations * 99 / 100],
                    iterations);
        }
    }

    /** A chat request with MetaTool's 199 tools plus a 200th, as an agent would send them. */
    private static ObjectNode request(Path data) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("model", "auto");
        body.putArray("messages").addObject().put("role", "user")
                .put("content", "Can you find me the latest research papers on retrieval augmented generation?");
        ArrayNode tools = body.putArray("tools");
        List<String> lines = Files.readAllLines(data.resolve("metatool_tools.jsonl")).stream()
                .filter(l -> !l.isBlank()).toList();
        for (String line : lines) {
            JsonNode row = JSON.readTree(line);
            if (row.path("set").asText().equals("single_tool")) {
                add(tools, row.path("tool").asText(), row.path("description").asText());
            }
        }
        add(tools, "get_weather", "Get the current weather and forecast for a city");
        return body;
    }

    private static void add(ArrayNode tools, String name, String description) {
        ObjectNode function = tools.addObject().put("type", "function").putObject("function").put("name", name)
                .put("description", description);
        ObjectNode properties = function.putObject("parameters").put("type", "object").putObject("properties");
        properties.putObject("query").put("type", "string").put("description", "what to look for");
    }
}
