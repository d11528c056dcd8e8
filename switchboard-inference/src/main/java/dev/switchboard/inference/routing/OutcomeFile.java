package dev.switchboard.inference.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes outcome files: JSONL, one prompt per line,
 * {@code {"id", "prompt" | "messages", "scores": {model: 0..1}, "costs"?: {model: number}, "category"?}}.
 *
 * <p>Every row must score the same models (routing compares them prompt by prompt), except rows of recorded
 * traffic: {@code "embedding": [...], "encoder"} instead of (or besides) the prompt, scoring only the model that
 * answered. A file of decision records ({@link DecisionRecordFile}) is read as such rows. A row without {@code costs}
 * takes each model's cost from the rows that have them, or 1 per call when none do. Errors name the line and field.
 */
public final class OutcomeFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutcomeFile() {}

    /** The rows of {@code path}, in file order, with costs filled in; duplicate prompts are kept (see {@link #dedupe}). */
    public static List<Outcome> read(Path path) {
        if (DecisionRecordFile.isRecords(path)) {
            return fillCosts(DecisionRecordFile.read(path));
        }
        List<Outcome> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    rows.add(row(line, path.getFileName() + ":" + number));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read outcome file " + path, e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(path + ": no rows");
        }
        checkSameModels(rows, path);
        return fillCosts(rows);
    }

    /** Keeps the first row of each distinct prompt, so that a prompt never lands on both sides of a split. */
    public static List<Outcome> dedupe(List<Outcome> rows) {
        Set<String> seen = new HashSet<>();
        return rows.stream().filter(r -> seen.add(r.dedupeKey())).toList();
    }

    /** The models the rows score (every row all of them, except rows from decision records), sorted by name. */
    public static List<String> models(List<Outcome> rows) {
        Set<String> models = new TreeSet<>();
        rows.forEach(r -> models.addAll(r.scores().keySet()));
        return List.copyOf(models);
    }

    /** Writes rows as JSONL. */
    public static void write(List<Outcome> rows, Path path) {
        try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            for (Outcome row : rows) {
                out.write(JSON.writeValueAsString(toJson(row)));
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write outcome file " + path, e);
        }
    }

    static ObjectNode toJson(Outcome row) {
        ObjectNode node = JSON.createObjectNode().put("id", row.id());
        if (row.prompt() != null) {
            node.put("prompt", row.prompt());
        }
        if (row.recorded() != null) {
            node.put("encoder", row.recorded().encoder());
            com.fasterxml.jackson.databind.node.ArrayNode embedding = node.putArray("embedding");
            for (float v : row.recorded().embedding()) {
                embedding.add(v);
            }
        }
        if (row.category() != null) {
            node.put("category", row.category());
        }
        ObjectNode scores = node.putObject("scores");
        new java.util.TreeMap<>(row.scores()).forEach(scores::put);
        if (!row.costs().isEmpty()) {
            ObjectNode costs = node.putObject("costs");
            new java.util.TreeMap<>(row.costs()).forEach(costs::put);
        }
        return node;
    }

    private static Outcome row(String line, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": a row must be a JSON object");
        }
        String id = node.hasNonNull("id") ? node.get("id").asText() : where;
        String category = node.hasNonNull("category") ? node.get("category").asText() : null;
        Outcome.Recorded recorded = node.has("embedding") ? DecisionRecordFile.embedding(node, where) : null;
        String prompt = recorded != null && !node.has("prompt") && !node.has("messages") ? null : prompt(node, where);
        return new Outcome(id, prompt, category, numbers(node, "scores", where, true),
                node.has("costs") ? numbers(node, "costs", where, false) : Map.of(), recorded);
    }

    private static String prompt(JsonNode node, String where) {
        if (node.path("prompt").isTextual()) {
            return node.get("prompt").asText();
        }
        JsonNode messages = node.path("messages");
        if (!messages.isArray()) {
            throw new IllegalArgumentException(where + ": `prompt` (a string) or `messages` (an array) is required");
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asText()) && message.path("content").isTextual()) {
                return message.get("content").asText();
            }
        }
        throw new IllegalArgumentException(where + ": `messages` has no user message with text `content`");
    }

    private static Map<String, Double> numbers(JsonNode node, String field, String where, boolean unitInterval) {
        JsonNode object = node.path(field);
        if (!object.isObject() || object.isEmpty()) {
            throw new IllegalArgumentException(where + ": `" + field + "` must be a non-empty object {model: number}");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> {
            double v = e.getValue().asDouble(Double.NaN);
            boolean bad = !e.getValue().isNumber() || (unitInterval ? v < 0 || v > 1 : v < 0);
            if (bad) {
                throw new IllegalArgumentException(where + ": `" + field + "." + e.getKey() + "` must be "
                        + (unitInterval ? "a number in [0, 1]" : "a number >= 0") + ", got " + e.getValue());
            }
            values.put(e.getKey(), v);
        });
        return values;
    }

    /** Rows of recorded traffic (with an embedding) score only the model that answered; the others score all. */
    private static void checkSameModels(List<Outcome> rows, Path path) {
        List<Outcome> complete = rows.stream().filter(r -> r.recorded() == null).toList();
        if (complete.isEmpty()) {
            return;
        }
        Set<String> models = complete.get(0).scores().keySet();
        for (Outcome row : complete) {
            if (!row.scores().keySet().equals(models)) {
                throw new IllegalArgumentException(path + ": row `" + row.id() + "` scores " + new TreeSet<>(
                        row.scores().keySet()) + " but the first row scores " + new TreeSet<>(models)
                        + "; every row must score the same models");
            }
        }
    }

    /** Rows without costs get each model's mean cost over the rows that have one, or 1 per call. */
    private static List<Outcome> fillCosts(List<Outcome> rows) {
        Map<String, Double> mean = meanCosts(rows);
        return rows.stream().map(r -> r.costs().keySet().containsAll(r.scores().keySet()) ? r
                : new Outcome(r.id(), r.prompt(), r.category(), r.scores(), withDefaults(r, mean),
                        r.recorded())).toList();
    }

    private static Map<String, Double> withDefaults(Outcome row, Map<String, Double> mean) {
        Map<String, Double> costs = new LinkedHashMap<>();
        row.scores().keySet().forEach(m -> costs.put(m, row.costs().getOrDefault(m, mean.getOrDefault(m, 1.0))));
        return costs;
    }

    /** Each model's mean cost over the rows that give one. */
    public static Map<String, Double> meanCosts(List<Outcome> rows) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Outcome row : rows) {
            row.costs().forEach((m, c) -> {
                double[] s = sums.computeIfAbsent(m, k -> new double[2]);
                s[0] += c;
                s[1]++;
            });
        }
        Map<String, Double> mean = new LinkedHashMap<>();
        sums.forEach((m, s) -> mean.put(m, s[0] / s[1]));
        return mean;
    }
}
