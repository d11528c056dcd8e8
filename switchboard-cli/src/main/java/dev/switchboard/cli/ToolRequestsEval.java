package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.ToolSettings;
import dev.switchboard.core.config.ToolSettings.Policy;
import dev.switchboard.core.tools.ToolEmbeddings;
import dev.switchboard.core.tools.ToolScorer;
import dev.switchboard.core.tools.ToolSelector;
import dev.switchboard.core.tools.ToolTexts;
import dev.switchboard.inference.encoder.OnnxEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tool selection measured on a file of requests, each with its own tool list — the shape of most function-calling
 * benchmarks, and of an operator's own traffic. One JSON object a line: {@code query} (or {@code messages}, whose
 * latest user message is read), {@code tools} (OpenAI tool definitions, or bare function objects), {@code gold}
 * (the tool name(s) the request needs; all must be kept). Every request goes through the router's own selector
 * ({@link ToolSelector#applyNow}: protected tools, ranking, rewrite) under {@code top_k} 1..10 and no threshold,
 * with the shipped ranker and without it. Nothing is fitted on the file.
 */
final class ToolRequestsEval {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request of the file. */
    record Request(String user, ArrayNode tools, List<String> gold) {}

    private ToolRequestsEval() {}

    static String run(Path file, OnnxEncoder encoder, int limit) {
        List<Request> requests = read(file, limit);
        StringBuilder out = new StringBuilder("# Tool selection on " + file.getFileName() + " (" + requests.size()
                + " requests, " + String.format(Locale.ROOT, "%.1f", requests.stream()
                .mapToInt(r -> r.tools().size()).average().orElse(0)) + " tools each on average, encoder "
                + encoder.modelId() + ")\n\n| ranking | top_k | gold kept (all) | mean tools kept | tokens removed |\n"
                + "|---|---|---|---|---|\n");
        ToolScorer shipped = ToolScorer.shippedFor(encoder.modelId());
        ToolEmbeddings embeddings = new ToolEmbeddings(encoder, 1 << 16);
        java.util.Map<String, dev.switchboard.core.encode.Encoding> encoded = new java.util.HashMap<>();
        ToolScorer[] rankers = shipped == null ? new ToolScorer[] {null} : new ToolScorer[] {shipped, null};
        for (ToolScorer scorer : rankers) {
            ToolSelector selector = new ToolSelector(embeddings, null, Integer.MAX_VALUE, scorer);
            for (int k : ToolEval.TOP_KS) {
                String name = scorer == null ? "cosine + 0.1 x BM25/max" : "learned ranker (runtime)";
                out.append("| ").append(name).append(" | ").append(k).append(" | ")
                        .append(row(selector, encoder, requests, k, encoded)).append(" |\n");
            }
        }
        return out.append("\nTokens: each tool's JSON counted with the encoder's tokenizer (").append(encoder.modelId())
                .append("), not the target model's. Requests whose gold tools are not all in their list are skipped.\n")
                .toString();
    }

    private static String row(ToolSelector selector, OnnxEncoder encoder, List<Request> requests, int k,
                              java.util.Map<String, dev.switchboard.core.encode.Encoding> encoded) {
        Policy policy = new Policy(ToolSettings.Mode.FILTER, k, 0.0, ToolSettings.WhenNoneRelevant.KEEP_ALL, List.of());
        int hits = 0;
        long kept = 0;
        long tokensIn = 0;
        long tokensOut = 0;
        for (Request r : requests) {
            ObjectNode body = JSON.createObjectNode().put("model", "auto");
            body.putArray("messages").addObject().put("role", "user").put("content", r.user());
            body.set("tools", r.tools().deepCopy());
            selector.applyNow(policy, body, r.user(), () -> encoded.computeIfAbsent(r.user(), encoder::encode));
            Set<String> names = new HashSet<>();
            body.path("tools").forEach(t -> names.add(ToolTexts.name(t)));
            hits += names.containsAll(r.gold()) ? 1 : 0;
            kept += names.size();
            tokensIn += tokens(encoder, r.tools());
            tokensOut += tokens(encoder, body.path("tools"));
        }
        int n = Math.max(1, requests.size());
        return String.format(Locale.ROOT, "%.1f %% | %.2f | %.1f %%", 100.0 * hits / n, (double) kept / n,
                tokensIn == 0 ? 0 : 100.0 * (tokensIn - tokensOut) / tokensIn);
    }

    private static long tokens(OnnxEncoder encoder, JsonNode tools) {
        long sum = 0;
        for (JsonNode t : tools) {
            sum += encoder.countTokens(t.toString());
        }
        return sum;
    }

    static List<Request> read(Path file, int limit) {
        List<Request> requests = new ArrayList<>();
        try (var lines = Files.lines(file)) {
            for (String line : (Iterable<String>) lines.filter(l -> !l.isBlank())::iterator) {
                Request r = request(JSON.readTree(line));
                if (r != null && (limit <= 0 || requests.size() < limit)) {
                    requests.add(r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
        }
        return requests;
    }

    /** A line as a request; null when its gold tools are not all in its tool list (nothing to measure). */
    private static Request request(JsonNode row) {
        ArrayNode tools = JSON.createArrayNode();
        for (JsonNode t : row.path("tools")) {
            tools.add(t.has("function") ? t : JSON.createObjectNode().put("type", "function").set("function", t));
        }
        List<String> gold = new ArrayList<>();
        JsonNode g = row.path("gold");
        if (g.isArray()) {
            g.forEach(x -> gold.add(x.asText()));
        } else if (g.isTextual()) {
            gold.add(g.asText());
        }
        Set<String> names = new HashSet<>();
        tools.forEach(t -> names.add(ToolTexts.name(t)));
        String user = row.has("query") ? row.path("query").asText() : latestUser(row.path("messages"));
        return gold.isEmpty() || !names.containsAll(gold) || user.isBlank() ? null : new Request(user, tools, gold);
    }

    private static String latestUser(JsonNode messages) {
        String user = "";
        for (JsonNode m : messages) {
            if ("user".equals(m.path("role").asText()) && m.path("content").isTextual()) {
                user = m.path("content").asText();
            }
        }
        return user;
    }
}
