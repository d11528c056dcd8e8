package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.plugin.cache.QuestionMatch;
import dev.switchboard.inference.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Measures the semantic cache on labelled question pairs: for each similarity threshold, how many true paraphrases
 * would hit (recall) and how many different questions would wrongly hit (false-hit rate), with and without the
 * {@link QuestionMatch} check the router applies. Recommends the lowest threshold whose false-hit rate stays at or
 * under the target.
 */
final class CacheEval {

    /** One labelled pair and what the router would make of it. */
    private record Pair(boolean duplicate, double similarity, boolean compatible) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheEval() {}

    static String run(Path data, int limit, long seed, double maxFalseHits, TextEncoder encoder,
                      ProgressListener progress) {
        List<JsonNode> rows = sample(read(data), limit, seed);
        List<Pair> pairs = score(rows, encoder, progress);
        return report(data, pairs, maxFalseHits, encoder.modelId(), seed);
    }

    private static List<JsonNode> read(Path data) {
        try (var lines = Files.lines(data)) {
            return lines.filter(l -> !l.isBlank()).map(CacheEval::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + data.toAbsolutePath(), e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (!node.hasNonNull("text_a") || !node.hasNonNull("text_b") || !node.hasNonNull("label")) {
                throw new IllegalArgumentException("each line needs text_a, text_b and label (1 = same question)");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON line: " + line.substring(0, Math.min(80, line.length())));
        }
    }

    private static List<JsonNode> sample(List<JsonNode> rows, int limit, long seed) {
        List<JsonNode> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled.subList(0, Math.min(limit, shuffled.size()));
    }

    private static List<Pair> score(List<JsonNode> rows, TextEncoder encoder, ProgressListener progress) {
        AtomicInteger done = new AtomicInteger();
        // the encoder has a session per core: two pairs at a time keep both busy
        return IntStream.range(0, rows.size()).parallel().mapToObj(i -> {
            JsonNode row = rows.get(i);
            String a = row.get("text_a").asText();
            String b = row.get("text_b").asText();
            double similarity = Encoding.cosine(encoder.encode(a).embedding(), encoder.encode(b).embedding());
            progress.onProgress("embedding pairs", done.incrementAndGet(), rows.size());
            return new Pair(row.get("label").asInt() == 1, similarity, QuestionMatch.compatible(b, a));
        }).toList();
    }

    private static String report(Path data, List<Pair> pairs, double maxFalseHits, String model, long seed) {
        long duplicates = pairs.stream().filter(Pair::duplicate).count();
        long different = pairs.size() - duplicates;
        StringBuilder out = new StringBuilder();
        out.append(String.format("%s: %d pairs sampled with seed %d (%d paraphrases, %d different questions), "
                + "encoder %s%n%n", data.getFileName(), pairs.size(), seed, duplicates, different, model));
        out.append("| threshold | hit rate (recall) | false-hit rate | recall, similarity only | false hits, "
                + "similarity only |\n|---:|---:|---:|---:|---:|\n");
        Double recommended = null;
        for (int t = 70; t <= 99; t++) {
            double threshold = t / 100.0;
            double recall = rate(pairs, true, threshold, true) / Math.max(1, duplicates);
            double falseHits = rate(pairs, false, threshold, true) / Math.max(1, different);
            out.append(String.format("| %.2f | %.3f | %.4f | %.3f | %.4f |%n", threshold, recall, falseHits,
                    rate(pairs, true, threshold, false) / Math.max(1, duplicates),
                    rate(pairs, false, threshold, false) / Math.max(1, different)));
            if (recommended == null && falseHits <= maxFalseHits) {
                recommended = threshold;
            }
        }
        out.append(recommended == null
                ? String.format("%nNo threshold keeps false hits at or under %.1f%%.%n", maxFalseHits * 100)
                : String.format("%nRecommended similarity_threshold: %.2f (lowest with false hits <= %.1f%%).%n",
                        recommended, maxFalseHits * 100));
        return out.toString();
    }

    /** How many pairs of one kind would hit at {@code threshold}. */
    private static double rate(List<Pair> pairs, boolean duplicate, double threshold, boolean withMatch) {
        return pairs.stream().filter(p -> p.duplicate() == duplicate && p.similarity() >= threshold
                && (!withMatch || p.compatible())).count();
    }
}
