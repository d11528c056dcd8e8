package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.config.CacheSettings;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.plugin.cache.verify.HitVerifier;
import dev.switchboard.core.plugin.cache.verify.PairFeatures;
import dev.switchboard.core.plugin.cache.verify.QuestionView;
import dev.switchboard.inference.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Measures the semantic cache on labelled question pairs (text_a = the cached question, text_b = the new one):
 * how many true paraphrases hit (recall) and how many different questions wrongly hit (false hits), per source, at
 * the shipped operating point — candidates at the default {@code similarity_threshold}, confirmed by the bundled
 * {@link HitVerifier} at its validated cut — and along the verifier's curve. Pairs with a {@code split} field are
 * reported per split; files without one (QQP) are evaluation data, never used to train or to choose the cut.
 */
final class CacheEval {

    /** One labelled pair and what the cache would make of it. */
    private record Pair(String group, boolean duplicate, double similarity, double score) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheEval() {}

    static String run(Path data, int limit, long seed, TextEncoder encoder, ProgressListener progress) {
        List<JsonNode> rows = sample(read(data), limit, seed);
        HitVerifier verifier = HitVerifier.bundled();
        List<Pair> pairs = score(rows, encoder, verifier, data.getFileName().toString(), progress);
        return report(data, pairs, verifier, encoder.modelId(), seed, rows.size());
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

    private static List<Pair> score(List<JsonNode> rows, TextEncoder encoder, HitVerifier verifier, String file,
                                    ProgressListener progress) {
        AtomicInteger done = new AtomicInteger();
        // the encoder has a session per core: two pairs at a time keep both busy
        return IntStream.range(0, rows.size()).parallel().mapToObj(i -> {
            JsonNode row = rows.get(i);
            String a = row.get("text_a").asText();
            String b = row.get("text_b").asText();
            float[] features = PairFeatures.of(QuestionView.of(b, encoder.encode(b)),
                    QuestionView.of(a, encoder.encode(a)));
            progress.onProgress("scoring pairs", done.incrementAndGet(), rows.size());
            String group = row.path("split").asText("evaluation only") + " / " + row.path("source").asText(file);
            return new Pair(group, row.get("label").asInt() == 1, features[0], verifier.score(features));
        }).toList();
    }

    private static String report(Path data, List<Pair> pairs, HitVerifier verifier, String model, long seed,
                                 int sampled) {
        double floor = CacheSettings.DEFAULTS.similarityThreshold();
        StringBuilder out = new StringBuilder(String.format("%s: %d pairs sampled with seed %d, encoder %s%n"
                + "Default operating point: candidates at cosine >= %.2f, verifier cut %.3f%n%n",
                data.getFileName(), sampled, seed, model, floor, verifier.cut()));
        out.append("| split / source | paraphrases | recall | different | false hits |\n|---|---:|---:|---:|---:|\n");
        Map<String, List<Pair>> groups = new TreeMap<>();
        pairs.forEach(p -> groups.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(p));
        groups.forEach((group, list) -> out.append(row(group, list, floor, verifier.cut())));
        out.append("\nCurve over all pairs (verifier cut; similarity alone for comparison):\n\n")
                .append("| verifier cut | recall | false hits | cosine threshold | recall | false hits |\n")
                .append("|---:|---:|---:|---:|---:|---:|\n");
        for (int step = 0; step < 10; step++) {
            double cut = 0.05 + step * 0.1;
            double cosine = 0.80 + step * 0.02;
            out.append(String.format("| %.2f | %.3f | %.4f | %.2f | %.3f | %.4f |%n", cut,
                    rate(pairs, true, floor, cut), rate(pairs, false, floor, cut), cosine,
                    rate(pairs, true, cosine, 0), rate(pairs, false, cosine, 0)));
        }
        return out.toString();
    }

    private static String row(String group, List<Pair> list, double floor, double cut) {
        long duplicates = list.stream().filter(Pair::duplicate).count();
        return String.format("| %s | %d | %.3f | %d | %.4f |%n", group, duplicates, rate(list, true, floor, cut),
                list.size() - duplicates, rate(list, false, floor, cut));
    }

    /** Share of the pairs of one kind that would hit. */
    private static double rate(List<Pair> pairs, boolean duplicate, double floor, double cut) {
        long kind = pairs.stream().filter(p -> p.duplicate() == duplicate).count();
        long hits = pairs.stream().filter(p -> p.duplicate() == duplicate && p.similarity() >= floor
                && p.score() >= cut).count();
        return kind == 0 ? Double.NaN : (double) hits / kind;
    }
}
