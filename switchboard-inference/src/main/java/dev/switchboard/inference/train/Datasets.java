package dev.switchboard.inference.train;

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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Reads labeled JSONL datasets and splits them reproducibly.
 *
 * <p>A line is a JSON object with a text field ({@code question}, {@code text} or {@code prompt}) and a label field
 * ({@code category} or {@code label}); this reads the MMLU-Pro export and our chat-style sets alike.
 */
public final class Datasets {

    /** Chat-style training prompts shipped with this module (made by {@link ChatPromptGenerator}; docs/accuracy.md). */
    public static final String CHAT_TRAIN_RESOURCE = "switchboard/domain/chat-train.jsonl";
    /** Hand-written chat-style evaluation prompts, never used for training. */
    public static final String CHAT_EVAL_RESOURCE = "switchboard/domain/chat-eval.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Datasets() {}

    /** Reads a JSONL file. */
    public static List<LabeledText> read(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dataset " + path.toAbsolutePath(), e);
        }
    }

    /** Reads a JSONL classpath resource. */
    public static List<LabeledText> readResource(String name) {
        try (InputStream in = Datasets.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("Dataset resource not on classpath: " + name);
            }
            return read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dataset resource " + name, e);
        }
    }

    private static List<LabeledText> read(InputStream in, String source) throws IOException {
        List<LabeledText> examples = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNo = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNo++;
            if (!line.isBlank()) {
                examples.add(parse(line, source, lineNo));
            }
        }
        return examples;
    }

    private static LabeledText parse(String line, String source, int lineNo) throws IOException {
        JsonNode node = JSON.readTree(line);
        String text = firstText(node, "question", "text", "prompt");
        String label = firstText(node, "category", "label");
        if (text == null || label == null) {
            throw new IOException(source + ":" + lineNo + ": needs a text (question|text|prompt) and a label"
                    + " (category|label) field");
        }
        return new LabeledText(text, label);
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.hasNonNull(field)) {
                return node.get(field).asText();
            }
        }
        return null;
    }

    /** A stratified split: {@code testFraction} of each label goes to the test side, chosen by {@code seed}. */
    public static Split split(List<LabeledText> examples, double testFraction, long seed) {
        Map<String, List<LabeledText>> byLabel = new TreeMap<>();
        examples.forEach(e -> byLabel.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e));
        Random random = new Random(seed);
        List<LabeledText> train = new ArrayList<>();
        List<LabeledText> test = new ArrayList<>();
        for (List<LabeledText> group : byLabel.values()) {
            Collections.shuffle(group, random);
            int testCount = (int) Math.round(group.size() * testFraction);
            test.addAll(group.subList(0, testCount));
            train.addAll(group.subList(testCount, group.size()));
        }
        return new Split(train, test);
    }

    /** The two sides of a split. */
    public record Split(List<LabeledText> train, List<LabeledText> test) {}
}
