package dev.switchboard.inference.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Converts the recorded MMLU-Pro results ({@code question, options, category, correct: {model: 0|1},
 * output_chars: {model: n}, revised_in_some_model_file}) into an outcome file.
 *
 * <p>The prompt is the question, optionally followed by its lettered options (as a user would paste it; about
 * twice the tokens to encode). Rows marked
 * {@code revised_in_some_model_file} are dropped (strict comparison). Models without a result for more than
 * {@code 1 - minCoverage} of the rows are dropped, then rows missing any remaining model. Cost is a proxy: the
 * model's parameter count (bundled table), or parameter count times the answer's length in characters.
 */
public final class MmluProConverter {

    /** How a row's cost is estimated. */
    public enum CostProxy { PARAMS, PARAMS_TIMES_OUTPUT_CHARS }

    /** The bundled table of model to billions of parameters. */
    public static final String PARAMS_RESOURCE = "switchboard/routing/mmlu-pro-model-params.tsv";

    private static final ObjectMapper JSON = new ObjectMapper();

    private MmluProConverter() {}

    /** The result: rows written and what was dropped, for the command's summary. */
    public record Summary(int rows, int revisedDropped, int incompleteDropped, List<String> models,
                          List<String> modelsDropped) {}

    public static Summary convert(Path in, Path out, CostProxy proxy, double minCoverage, boolean withOptions) {
        List<JsonNode> source = readLines(in);
        List<JsonNode> strict = source.stream().filter(n -> !n.path("revised_in_some_model_file").asBoolean())
                .toList();
        Set<String> kept = coveredModels(strict, minCoverage);
        Map<String, Double> params = parameterTable();
        kept.stream().filter(m -> !params.containsKey(m)).findFirst().ifPresent(m -> {
            throw new IllegalArgumentException("no parameter count for model `" + m + "` in " + PARAMS_RESOURCE);
        });
        List<Outcome> rows = new ArrayList<>();
        for (JsonNode node : strict) {
            if (kept.stream().allMatch(m -> node.path("correct").has(m))) {
                rows.add(outcome(node, kept, params, proxy, withOptions));
            }
        }
        OutcomeFile.write(rows, out);
        Set<String> all = new TreeSet<>();
        source.forEach(n -> n.path("correct").fieldNames().forEachRemaining(all::add));
        all.removeAll(kept);
        return new Summary(rows.size(), source.size() - strict.size(), strict.size() - rows.size(),
                List.copyOf(kept), List.copyOf(all));
    }

    private static Outcome outcome(JsonNode node, Set<String> models, Map<String, Double> params, CostProxy proxy,
                                   boolean withOptions) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Double> costs = new LinkedHashMap<>();
        for (String m : models) {
            scores.put(m, node.path("correct").path(m).asDouble());
            double chars = Math.max(1, node.path("output_chars").path(m).asDouble(1));
            costs.put(m, proxy == CostProxy.PARAMS ? params.get(m) : params.get(m) * chars);
        }
        return new Outcome(node.path("question_id").asText(), prompt(node, withOptions), node.path("category").asText(null),
                scores, costs);
    }

    /** The question, then (when asked) one line per option: {@code A. ...}. */
    static String prompt(JsonNode node, boolean withOptions) {
        StringBuilder text = new StringBuilder(node.path("question").asText().strip());
        JsonNode options = withOptions ? node.path("options") : com.fasterxml.jackson.databind.node.MissingNode
                .getInstance();
        for (int i = 0; i < options.size(); i++) {
            text.append('\n').append((char) ('A' + i)).append(". ").append(options.get(i).asText().strip());
        }
        return text.toString();
    }

    private static Set<String> coveredModels(List<JsonNode> rows, double minCoverage) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        rows.forEach(n -> n.path("correct").fieldNames().forEachRemaining(m -> counts.merge(m, 1, Integer::sum)));
        Set<String> kept = new TreeSet<>();
        counts.forEach((m, c) -> {
            if (c >= minCoverage * rows.size()) {
                kept.add(m);
            }
        });
        return kept;
    }

    /** Model name to billions of parameters, from the bundled table. */
    public static Map<String, Double> parameterTable() {
        Map<String, Double> table = new LinkedHashMap<>();
        try (InputStream in = MmluProConverter.class.getClassLoader().getResourceAsStream(PARAMS_RESOURCE)) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t"))
                    .forEach(f -> table.put(f[0], Double.parseDouble(f[1])));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }

    private static List<JsonNode> readLines(Path in) {
        try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            List<JsonNode> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + in, e);
        }
    }
}
