package dev.switchboard.inference.ner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.PiiType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The entity head's data. Generated text is split by <em>template</em> so that no sentence shape seen in training is
 * tested: Presidio's generated set (read by path, never copied) cut 65/10/25 by template id, and Switchboard's own
 * chat templates cut 80/20, each filled with fresh datafaker values. Real text comes from public NER corpora of
 * tweets, social media and Wikipedia ({@link NerCorpora}, their own splits). Everyday requests (MetaTool queries)
 * teach which ordinary words are not names.
 */
public final class EntityData {

    /** Generated messages per side. */
    static final int GENERATED_TRAIN = 5000;
    static final int GENERATED_TEST = 800;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Training examples, and named validation and test sets (report order). */
    public record Corpus(List<EntityExample> train, Map<String, List<EntityExample>> validation,
                         Map<String, List<EntityExample>> test) {

        /** The same corpus with only the validation and test sets whose name contains {@code text}. */
        public Corpus only(String text) {
            return new Corpus(train, named(validation, text), named(test, text));
        }

        private static Map<String, List<EntityExample>> named(Map<String, List<EntityExample>> sets, String text) {
            Map<String, List<EntityExample>> out = new LinkedHashMap<>(sets);
            out.keySet().removeIf(name -> !name.contains(text));
            return out;
        }
    }

    /** Where the data lives: files and folders are read in place, never copied. */
    public record Sources(Path presidio, Path metatool, Path nerCorpora) {}

    private EntityData() {}

    /** Everyday requests without annotations, sampled from MetaTool's queries (see {@link EntityExample#partial}). */
    static final int EVERYDAY_TRAIN = 3000;

    /**
     * The whole corpus; {@code realTrainCap} bounds the training texts taken from each real NER corpus (a seeded
     * sample; 0: all of them). Validation and test sets are never capped.
     */
    public static Corpus load(Sources sources, int realTrainCap, long seed) {
        Corpus generated = loadGenerated(sources.presidio(), sources.metatool(), seed);
        List<EntityExample> train = new ArrayList<>(generated.train());
        Map<String, List<EntityExample>> validation = new LinkedHashMap<>(generated.validation());
        Map<String, List<EntityExample>> tests = new LinkedHashMap<>();
        NerCorpora.load(sources.nerCorpora(), seed).forEach((source, splits) -> {
            train.addAll(sample(splits.train(), realTrainCap, seed));
            validation.put(source + " validation", splits.validation());
            tests.put(source + " test", splits.test());
        });
        tests.putAll(generated.test());
        return new Corpus(train, validation, tests);
    }

    private static List<EntityExample> sample(List<EntityExample> examples, int cap, long seed) {
        if (cap <= 0 || examples.size() <= cap) {
            return examples;
        }
        List<EntityExample> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled.subList(0, cap);
    }

    /** Presidio's templates, the chat templates and the everyday queries, without the real NER corpora. */
    static Corpus loadGenerated(Path presidio, Path metatool, long seed) {
        List<JsonNode> rows = read(presidio);
        List<Integer> templateIds = new ArrayList<>(rows.stream().map(r -> r.path("template_id").asInt()).distinct()
                .sorted().toList());
        Collections.shuffle(templateIds, new Random(seed));
        int testCut = (int) Math.round(templateIds.size() * 0.25);
        int validationCut = testCut + (int) Math.round(templateIds.size() * 0.10);
        Set<Integer> test = new HashSet<>(templateIds.subList(0, testCut));
        Set<Integer> validation = new HashSet<>(templateIds.subList(testCut, validationCut));
        List<EntityExample> train = new ArrayList<>();
        List<EntityExample> validationSet = new ArrayList<>();
        List<EntityExample> testSet = new ArrayList<>();
        for (JsonNode row : rows) {
            int id = row.path("template_id").asInt();
            EntityExample example = presidioExample(row);
            (test.contains(id) ? testSet : validation.contains(id) ? validationSet : train).add(example);
        }
        List<String> queries = new ArrayList<>(read(metatool).stream().map(r -> r.path("query").asText()).toList());
        Collections.shuffle(queries, new Random(seed));
        List<String> templates = new ArrayList<>(EntityMessages.templates());
        Collections.shuffle(templates, new Random(seed));
        int cut = (int) Math.round(templates.size() * 0.8);
        // real organisations split in halves too: the test messages name ones training never saw
        List<String> organizations = new ArrayList<>(ResourceLines.read(Gazetteer.ORGANIZATIONS_RESOURCE));
        Collections.shuffle(organizations, new Random(seed));
        int half = organizations.size() / 2;
        List<String> everyday = queries.subList(EVERYDAY_TRAIN, queries.size());
        EntityMessages messages = new EntityMessages(seed, everyday, organizations.subList(0, half));
        train.addAll(messages.generate(templates.subList(0, cut), GENERATED_TRAIN, "chat templates"));
        EntityMessages heldOut = new EntityMessages(seed + 1, everyday,
                organizations.subList(half, organizations.size()));
        queries.stream().limit(EVERYDAY_TRAIN)
                .forEach(q -> train.add(new EntityExample(q, List.of(), "metatool", true)));
        Map<String, List<EntityExample>> tests = new LinkedHashMap<>();
        tests.put("Presidio held-out templates", testSet);
        tests.put("chat held-out templates", heldOut.generate(templates.subList(cut, templates.size()),
                GENERATED_TEST, "chat held-out"));
        tests.put("hand-written chat messages", handWritten());
        tests.put("hand-written social and news", handWritten(HAND_WRITTEN_SOCIAL));
        return new Corpus(train, Map.of("Presidio validation templates", validationSet), tests);
    }

    /** Classpath resource of hand-written, hand-marked chat messages: evaluation only. */
    public static final String HAND_WRITTEN = "switchboard/pii/entity-eval.txt";
    /** Hand-written social-media posts and news sentences, marked the same way: evaluation only. */
    public static final String HAND_WRITTEN_SOCIAL = "switchboard/pii/entity-eval-social.txt";

    private static final java.util.regex.Pattern MARK =
            java.util.regex.Pattern.compile("\\[(PERSON|LOCATION|ORGANIZATION|ADDRESS) ([^\\]]+)]");

    /** The hand-written chat messages with their {@code [TYPE text]} marks turned into spans. */
    static List<EntityExample> handWritten() {
        return handWritten(HAND_WRITTEN);
    }

    /** The texts of a hand-written resource with their {@code [TYPE text]} marks turned into spans. */
    public static List<EntityExample> handWritten(String resource) {
        List<EntityExample> out = new ArrayList<>();
        for (String line : ResourceLines.read(resource)) {
            java.util.regex.Matcher mark = MARK.matcher(line);
            StringBuilder text = new StringBuilder();
            List<int[]> spans = new ArrayList<>();
            List<PiiType> types = new ArrayList<>();
            while (mark.find()) {
                mark.appendReplacement(text, "");
                spans.add(new int[] {text.length(), text.length() + mark.group(2).length()});
                types.add(PiiType.valueOf(mark.group(1)));
                text.append(mark.group(2));
            }
            mark.appendTail(text);
            String message = text.toString();
            List<PiiSpan> gold = new ArrayList<>();
            for (int i = 0; i < spans.size(); i++) {
                gold.add(PiiSpan.of(types.get(i), message, spans.get(i)[0], spans.get(i)[1], 1.0));
            }
            out.add(new EntityExample(message, gold, "hand-written"));
        }
        return out;
    }

    /** A Presidio row with its PERSON, LOCATION, ORGANIZATION and ADDRESS spans; other types are not ours. */
    static EntityExample presidioExample(JsonNode row) {
        String text = row.get("text").asText();
        List<PiiSpan> gold = new ArrayList<>();
        for (JsonNode span : row.path("spans")) {
            PiiType type = switch (span.path("type").asText()) {
                case "PERSON" -> PiiType.PERSON;
                case "LOCATION" -> PiiType.LOCATION;
                case "ORGANIZATION" -> PiiType.ORGANIZATION;
                case "ADDRESS" -> PiiType.ADDRESS;
                default -> null;
            };
            int start = span.path("start").asInt();
            int end = span.path("end").asInt();
            if (type != null && end > start && end <= text.length()) {
                gold.add(PiiSpan.of(type, text, start, end, 1.0));
            }
        }
        return new EntityExample(text, gold, "presidio");
    }

    /** The rows of a JSON-lines file, blank lines skipped. */
    static List<JsonNode> read(Path file) {
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
