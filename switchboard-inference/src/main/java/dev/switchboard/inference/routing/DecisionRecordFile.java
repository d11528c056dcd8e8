package dev.switchboard.inference.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the decision records the router writes ({@code routing.decision_records}) as outcome rows: each decision
 * record that got feedback becomes a row {@code {id: request_id, scores: {answered_by: score}, costs?, embedding}}
 * (with the masked prompt when one was kept). The file's rotated predecessors ({@code FILE.1}, {@code FILE.2}, ...)
 * are read too, oldest first. Records without feedback, and feedback for ids not in the files, are skipped.
 */
final class DecisionRecordFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionRecordFile() {}

    /** True when the file's first line is a decision record or a feedback line. */
    static boolean isRecords(Path path) {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            while (line != null && line.isBlank()) {
                line = reader.readLine();
            }
            return line != null && JSON.readTree(line).has("record");
        } catch (IOException e) {
            return false; // not JSON (or unreadable): the outcome reader reports it with its line number
        }
    }

    static List<Outcome> read(Path path) {
        Map<String, JsonNode> decisions = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Path file : filesOldestFirst(path)) {
            readLines(file, (node, where) -> {
                String id = node.path("request_id").asText();
                switch (node.path("record").asText()) {
                    case "decision" -> decisions.put(id, node);
                    case "feedback" -> scores.put(id, node.path("score").asDouble());
                    default -> throw new IllegalArgumentException(where + ": unknown record type "
                            + node.path("record"));
                }
            });
        }
        List<Outcome> rows = new ArrayList<>();
        decisions.forEach((id, node) -> {
            Double score = scores.get(id);
            if (score != null) {
                rows.add(row(id, node, score));
            }
        });
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(path + ": " + decisions.size() + " decision records, none with "
                    + "feedback (POST /api/v1/feedback) to learn from");
        }
        return rows;
    }

    private static Outcome row(String id, JsonNode node, double score) {
        String model = node.path("answered_by").asText();
        Map<String, Double> costs = node.path("cost").isNumber() ? Map.of(model, node.get("cost").asDouble())
                : Map.of();
        String prompt = node.path("prompt").isTextual() ? node.get("prompt").asText() : null;
        return new Outcome(id, prompt, null, Map.of(model, score), costs, embedding(node, id));
    }

    /** The {@code embedding} and {@code encoder} fields of a row or record. */
    static Outcome.Recorded embedding(JsonNode node, String where) {
        JsonNode values = node.path("embedding");
        if (!values.isArray() || values.isEmpty() || !node.path("encoder").isTextual()) {
            throw new IllegalArgumentException(where + ": `embedding` must be a non-empty array of numbers, with "
                    + "`encoder` naming the encoder that made it");
        }
        float[] embedding = new float[values.size()];
        for (int d = 0; d < embedding.length; d++) {
            embedding[d] = (float) values.get(d).asDouble();
        }
        return new Outcome.Recorded(node.get("encoder").asText(), embedding);
    }

    private static List<Path> filesOldestFirst(Path path) {
        List<Path> files = new ArrayList<>();
        for (int n = 1; Files.exists(path.resolveSibling(path.getFileName() + "." + n)); n++) {
            files.add(0, path.resolveSibling(path.getFileName() + "." + n));
        }
        files.add(path);
        return files;
    }

    private interface LineReader {
        void read(JsonNode node, String where);
    }

    private static void readLines(Path file, LineReader reader) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    reader.read(JSON.readTree(line), file.getFileName() + ":" + number);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read decision records " + file, e);
        }
    }
}
