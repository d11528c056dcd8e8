package dev.switchboard.inference.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regenerates the shipped chat training set: {@code WriteChatTrainSet <output.jsonl>}. The output is
 * byte-for-byte reproducible (300 prompts per category, seed 7).
 */
public final class WriteChatTrainSet {

    public static final int PER_CATEGORY = 300;
    public static final long SEED = 7;

    private WriteChatTrainSet() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: WriteChatTrainSet <output.jsonl>");
            System.exit(2);
        }
        List<LabeledText> prompts = ChatPromptGenerator.fromClasspath().generate(PER_CATEGORY, SEED);
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        for (LabeledText prompt : prompts) {
            out.append(json.writeValueAsString(row(prompt)));
            out.append('\n');
        }
        Files.writeString(Path.of(args[0]), out, StandardCharsets.UTF_8);
        System.err.println("wrote " + prompts.size() + " prompts to " + args[0]);
    }

    // Insertion-ordered so the file is byte-for-byte stable across JVM runs (Map.of order is not).
    private static Map<String, String> row(LabeledText prompt) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("text", prompt.text());
        row.put("category", prompt.label());
        return row;
    }
}
