package dev.switchboard.inference.ner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.PiiType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Public NER corpora of real text in the shared layout ({@code text}, {@code spans} [type, start, end] in characters,
 * {@code split}), read by path and never copied: WNUT-17 (social media), the Broad Twitter Corpus and WikiGold
 * (Wikipedia). Their PERSON, LOCATION and ORGANIZATION spans are gold. Other types are handled so that no token is
 * taught a wrong label: WikiGold's MISC (nationalities, events, languages, titles of works) is none of our types,
 * so its words are trained as "outside"; WNUT's PRODUCT and CREATIVE_WORK are skipped in training, because whether
 * "Xbox" or a song called after its singer is an organisation or a person depends on the annotator. Spans are kept
 * as the corpus marks them, including BTC's "@" of a mention as a span of its own before the user name: the
 * decoder never reads punctuation alone as a word, so such a span counts as a miss in exact and overlap scores and
 * is ignored by word scores (docs/accuracy.md).
 *
 * <p>Splits: each corpus's own train/dev/test where it has them; WikiGold (one "all" split) is cut 70/10/20 in
 * blocks of consecutive sentences (neighbouring sentences come from one article) with a seeded shuffle. Before that,
 * texts are de-duplicated across all three corpora (case and spacing ignored): a text in any test split is dropped
 * from every validation and training split, a validation text from every training split.
 */
public final class NerCorpora {

    /** File names in the shared data folder, by the source name reports use. */
    public static final Map<String, String> FILES = Map.of("wnut17", "wnut17_emerging_entities.jsonl",
            "BTC", "broad_twitter_corpus.jsonl", "wikigold", "wikigold.jsonl");
    /** Report order of the sources. */
    public static final List<String> SOURCES = List.of("wnut17", "BTC", "wikigold");
    /** Consecutive WikiGold sentences kept together when it is split. */
    static final int WIKIGOLD_BLOCK = 20;

    private static final List<String> SPLIT_PRIORITY = List.of("test", "validation", "train");

    /** One corpus cut into training, validation and test examples. */
    public record Splits(List<EntityExample> train, List<EntityExample> validation, List<EntityExample> test) {
        List<EntityExample> get(String split) {
            return switch (split) {
                case "train" -> train;
                case "validation" -> validation;
                default -> test;
            };
        }
    }

    private NerCorpora() {}

    /** Reads the three corpora from {@code directory}; sources whose file is missing are left out. */
    public static Map<String, Splits> load(Path directory, long seed) {
        Map<String, Map<String, List<EntityExample>>> raw = new LinkedHashMap<>();
        for (String source : SOURCES) {
            Path file = directory.resolve(FILES.get(source));
            if (Files.isRegularFile(file)) {
                raw.put(source, bySplit(source, EntityData.read(file), seed));
            }
        }
        return deduplicated(raw);
    }

    /** Keeps the first copy of every text, reading test splits first, then validation, then training. */
    private static Map<String, Splits> deduplicated(Map<String, Map<String, List<EntityExample>>> raw) {
        Set<String> seen = new HashSet<>();
        Map<String, Map<String, List<EntityExample>>> kept = new LinkedHashMap<>();
        for (String split : SPLIT_PRIORITY) {
            raw.forEach((source, splits) -> kept.computeIfAbsent(source, s -> new LinkedHashMap<>()).put(split,
                    splits.get(split).stream().filter(e -> seen.add(normalized(e.text()))).toList()));
        }
        Map<String, Splits> out = new LinkedHashMap<>();
        kept.forEach((source, s) -> out.put(source, new Splits(s.get("train"), s.get("validation"), s.get("test"))));
        return out;
    }

    static String normalized(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    private static Map<String, List<EntityExample>> bySplit(String source, List<JsonNode> rows, long seed) {
        Map<String, List<EntityExample>> out = new LinkedHashMap<>();
        SPLIT_PRIORITY.forEach(s -> out.put(s, new ArrayList<>()));
        boolean ownSplits = rows.stream().noneMatch(r -> r.path("split").asText("all").equals("all"));
        List<String> blockSplit = ownSplits ? List.of() : blockSplit(rows.size(), seed);
        for (int i = 0; i < rows.size(); i++) {
            String split = ownSplits ? splitName(rows.get(i).path("split").asText())
                    : blockSplit.get(i / WIKIGOLD_BLOCK);
            out.get(split).add(example(source, rows.get(i)));
        }
        return out;
    }

    private static String splitName(String split) {
        return switch (split) {
            case "train" -> "train";
            case "dev", "validation" -> "validation";
            case "test" -> "test";
            default -> throw new IllegalArgumentException("unknown split '" + split + "'");
        };
    }

    /** Split of each block of consecutive rows: 70 % train, 10 % validation, 20 % test, blocks shuffled. */
    private static List<String> blockSplit(int rows, long seed) {
        int blocks = (rows + WIKIGOLD_BLOCK - 1) / WIKIGOLD_BLOCK;
        List<Integer> order = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            order.add(b);
        }
        Collections.shuffle(order, new Random(seed));
        String[] split = new String[blocks];
        for (int k = 0; k < blocks; k++) {
            split[order.get(k)] = k < Math.round(blocks * 0.2) ? "test"
                    : k < Math.round(blocks * 0.3) ? "validation" : "train";
        }
        return List.of(split);
    }

    /** One row: our three types as gold, PRODUCT and CREATIVE_WORK as unlabelled, anything else as outside. */
    static EntityExample example(String source, JsonNode row) {
        String text = row.path("text").asText();
        List<PiiSpan> gold = new ArrayList<>();
        List<int[]> unlabelled = new ArrayList<>();
        for (JsonNode span : row.path("spans")) {
            int start = span.path("start").asInt();
            int end = span.path("end").asInt();
            if (start < 0 || end <= start || end > text.length()) {
                continue;
            }
            switch (span.path("type").asText()) {
                case "PERSON" -> gold.add(PiiSpan.of(PiiType.PERSON, text, start, end, 1.0));
                case "LOCATION" -> gold.add(PiiSpan.of(PiiType.LOCATION, text, start, end, 1.0));
                case "ORGANIZATION" -> gold.add(PiiSpan.of(PiiType.ORGANIZATION, text, start, end, 1.0));
                case "PRODUCT", "CREATIVE_WORK" -> unlabelled.add(new int[] {start, end});
                default -> { } // MISC: trained as outside
            }
        }
        return new EntityExample(text, gold, source, false, unlabelled);
    }
}
