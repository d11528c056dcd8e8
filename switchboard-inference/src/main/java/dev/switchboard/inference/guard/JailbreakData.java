package dev.switchboard.inference.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.inference.train.Datasets;
import dev.switchboard.inference.train.LabeledText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads the jailbreak training sources and splits each into train / validation / test with fixed seeds. The public
 * data is read by path and never copied into the repository; the hand-written sets are classpath resources.
 *
 * <ul>
 *   <li>deepset prompt injections: its own test split is test; its train split is cut 85/15 into train/validation.
 *   <li>JailbreakBench: split by <em>goal</em> 70/10/20, so the same harmful goal under another attack method
 *       never crosses from train to test.
 *   <li>MMLU-Pro questions and MetaTool queries (benign): a seeded sample, {@link #BENIGN_SIZES} per side.
 *   <li>Hand-written hard negatives: 60/10/30. Hand-written injections: separate train and eval files; the
 *       multilingual written set ({@link #WRITTEN_TRAIN}) is training only.
 * </ul>
 */
public final class JailbreakData {

    /** Classpath resources written for this head. */
    public static final String HARD_NEGATIVES = "switchboard/jailbreak/hard-negatives.jsonl";
    public static final String INJECTIONS_TRAIN = "switchboard/jailbreak/injections-train.jsonl";
    public static final String INJECTIONS_EVAL = "switchboard/jailbreak/injections-eval.jsonl";
    /**
     * Written for this head, training only: injections in German, French, Spanish and other languages and "forget
     * everything before" instruction switches, with benign look-alikes (forgotten passwords, "ignore case") and
     * one- and two-word chat turns ("hello", "thanks", "go on"), whose few token states are otherwise unlike any
     * training text.
     */
    public static final String WRITTEN_TRAIN = "switchboard/jailbreak/written-train.jsonl";
    /** Benign examples sampled per source for train, validation and test. */
    static final int[] BENIGN_SIZES = {1500, 300, 600};

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String JAILBREAK = "jailbreak";
    static final String BENIGN = "benign";

    /** Training examples, a validation list for choosing the threshold, and named test groups. */
    public record Corpus(List<LabeledText> train, List<LabeledText> validation, Map<String, List<LabeledText>> test) {}

    private JailbreakData() {}

    /** Loads and splits every source with {@code seed}. */
    public static Corpus load(Path deepset, Path jailbreakBench, Path mmlu, Path metatool, long seed) {
        Parts parts = new Parts();
        addDeepset(parts, readJson(deepset), seed);
        addJailbreakBench(parts, readJson(jailbreakBench), seed);
        parts.add("MMLU-Pro held-out (benign)", split(texts(readJson(mmlu), "question"), seed), BENIGN);
        parts.add("MetaTool held-out (benign)", split(texts(readJson(metatool), "query"), seed), BENIGN);
        List<String> hard = Datasets.readResource(HARD_NEGATIVES).stream().map(LabeledText::text).toList();
        parts.add("hard negatives held-out (benign)", fractions(hard, seed, 0.6, 0.1), BENIGN);
        parts.train.addAll(Datasets.readResource(INJECTIONS_TRAIN));
        parts.train.addAll(Datasets.readResource(WRITTEN_TRAIN));
        parts.test.put("hand-written injections eval", Datasets.readResource(INJECTIONS_EVAL));
        return new Corpus(parts.train, parts.validation, parts.test);
    }

    private static void addDeepset(Parts parts, List<JsonNode> rows, long seed) {
        List<LabeledText> trainSplit = labeled(rows, r -> r.get("split").asText().equals("train"));
        Collections.shuffle(trainSplit, new Random(seed));
        int cut = (int) Math.round(trainSplit.size() * 0.85);
        parts.train.addAll(trainSplit.subList(0, cut));
        parts.validation.addAll(trainSplit.subList(cut, trainSplit.size()));
        parts.test.put("deepset test split (mixed)", labeled(rows, r -> r.get("split").asText().equals("test")));
    }

    private static List<LabeledText> labeled(List<JsonNode> rows, Predicate<JsonNode> keep) {
        return new ArrayList<>(rows.stream().filter(keep)
                .map(r -> new LabeledText(r.get("text").asText(), r.get("label").asInt() == 1 ? JAILBREAK : BENIGN))
                .toList());
    }

    private static void addJailbreakBench(Parts parts, List<JsonNode> rows, long seed) {
        Map<String, LinkedHashSet<String>> byGoal = new TreeMap<>();
        rows.stream().filter(r -> r.hasNonNull("prompt"))
                .forEach(r -> byGoal.computeIfAbsent(r.get("goal").asText(), g -> new LinkedHashSet<>())
                        .add(r.get("prompt").asText()));
        List<List<String>> goalSplit = fractions(new ArrayList<>(byGoal.keySet()), seed, 0.7, 0.1);
        List<List<String>> prompts = new ArrayList<>();
        for (List<String> goals : goalSplit) {
            prompts.add(goals.stream().flatMap(g -> byGoal.get(g).stream()).distinct().toList());
        }
        parts.add("JailbreakBench test goals (attacks)", prompts, JAILBREAK);
    }

    private static List<List<String>> split(List<String> texts, long seed) {
        List<String> shuffled = new ArrayList<>(new LinkedHashSet<>(texts));
        Collections.shuffle(shuffled, new Random(seed));
        List<List<String>> out = new ArrayList<>();
        int from = 0;
        for (int size : BENIGN_SIZES) {
            out.add(shuffled.subList(from, from + size));
            from += size;
        }
        return out;
    }

    /** Seeded shuffle cut into train / validation / test by the first two fractions. */
    static <T> List<List<T>> fractions(List<T> items, long seed, double train, double validation) {
        List<T> shuffled = new ArrayList<>(items);
        Collections.shuffle(shuffled, new Random(seed));
        int a = (int) Math.round(shuffled.size() * train);
        int b = a + (int) Math.round(shuffled.size() * validation);
        return List.of(shuffled.subList(0, a), shuffled.subList(a, b), shuffled.subList(b, shuffled.size()));
    }

    private static List<String> texts(List<JsonNode> rows, String field) {
        return rows.stream().filter(r -> r.hasNonNull(field)).map(r -> r.get(field).asText()).toList();
    }

    static List<JsonNode> readJson(Path path) {
        try (var lines = Files.lines(path)) {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : (Iterable<String>) lines.filter(l -> !l.isBlank())::iterator) {
                rows.add(JSON.readTree(line));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path.toAbsolutePath(), e);
        }
    }

    /** Accumulates the three sides while sources are added. */
    private static final class Parts {
        final List<LabeledText> train = new ArrayList<>();
        final List<LabeledText> validation = new ArrayList<>();
        final Map<String, List<LabeledText>> test = new LinkedHashMap<>();

        void add(String testName, List<List<String>> sides, String label) {
            sides.get(0).forEach(t -> train.add(new LabeledText(t, label)));
            sides.get(1).forEach(t -> validation.add(new LabeledText(t, label)));
            test.put(testName, sides.get(2).stream().map(t -> new LabeledText(t, label)).toList());
        }
    }
}
