package dev.switchboard.core.guard.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Span-level accuracy of {@link StructuredPiiDetector} on a Presidio-style JSONL file (one object per line:
 * {@code text}, {@code spans[{type,start,end,value}]}). Reports precision, recall and F2 per type, with exact
 * (same type, same offsets) and overlap (same type, at least one shared char) matching. Gold types the detector
 * does not cover are ignored; Presidio's DOMAIN_NAME counts as URL. Not a test: the data stays outside the repo.
 *
 * <pre>java ... StructuredPiiEval <data>/pii/presidio_generated_large.jsonl [--errors TYPE]</pre>
 */
public final class StructuredPiiEval {

    private StructuredPiiEval() {}

    /** Counts per type for one matching rule. */
    private static final class Tally {
        final Map<PiiType, int[]> counts = new EnumMap<>(PiiType.class); // tp, fp, fn

        int[] of(PiiType type) {
            return counts.computeIfAbsent(type, t -> new int[3]);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: StructuredPiiEval <file.jsonl> [--errors TYPE]");
            System.exit(2);
        }
        PiiType errorsFor = args.length >= 3 ? PiiType.valueOf(args[2]) : null;
        Tally exact = new Tally();
        Tally overlap = new Tally();
        int docs = evaluate(Path.of(args[0]), exact, overlap, errorsFor);
        System.out.println("documents: " + docs);
        print("exact", exact);
        print("overlap", overlap);
    }

    private static int evaluate(Path file, Tally exact, Tally overlap, PiiType errorsFor) throws IOException {
        StructuredPiiDetector detector = StructuredPiiDetector.create();
        ObjectMapper json = new ObjectMapper();
        int docs = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode doc = json.readTree(line);
                String text = doc.get("text").asText();
                List<PiiSpan> gold = gold(doc, text);
                List<PiiSpan> found = detector.find(text);
                score(gold, found, exact, overlap);
                if (errorsFor != null) {
                    printErrors(text, gold, found, errorsFor);
                }
                docs++;
            }
        }
        return docs;
    }

    private static List<PiiSpan> gold(JsonNode doc, String text) {
        List<PiiSpan> spans = new ArrayList<>();
        for (JsonNode span : doc.get("spans")) {
            PiiType type = covered(span.get("type").asText());
            if (type != null) {
                spans.add(PiiSpan.of(type, text, span.get("start").asInt(), span.get("end").asInt(), 1.0));
            }
        }
        return spans;
    }

    private static PiiType covered(String goldType) {
        if (goldType.equals("DOMAIN_NAME")) {
            return PiiType.URL;
        }
        try {
            PiiType type = PiiType.valueOf(goldType);
            return StructuredPiiDetector.TYPES.contains(type) ? type : null;
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    private static void score(List<PiiSpan> gold, List<PiiSpan> found, Tally exact, Tally overlap) {
        for (PiiSpan f : found) {
            exact.of(f.type())[gold.stream().anyMatch(g -> same(g, f)) ? 0 : 1]++;
            overlap.of(f.type())[gold.stream().anyMatch(g -> touch(g, f)) ? 0 : 1]++;
        }
        for (PiiSpan g : gold) {
            if (found.stream().noneMatch(f -> same(g, f))) {
                exact.of(g.type())[2]++;
            }
            if (found.stream().noneMatch(f -> touch(g, f))) {
                overlap.of(g.type())[2]++;
            }
        }
    }

    private static boolean same(PiiSpan g, PiiSpan f) {
        return g.type() == f.type() && g.start() == f.start() && g.end() == f.end();
    }

    private static boolean touch(PiiSpan g, PiiSpan f) {
        return g.type() == f.type() && g.overlaps(f);
    }

    private static void print(String rule, Tally tally) {
        System.out.printf("%n%s match%n| type | precision | recall | F2 | TP | FP | FN |%n", rule);
        System.out.println("|---|---|---|---|---|---|---|");
        tally.counts.forEach((type, c) -> {
            double p = c[0] + c[1] == 0 ? 0 : c[0] / (double) (c[0] + c[1]);
            double r = c[0] + c[2] == 0 ? 0 : c[0] / (double) (c[0] + c[2]);
            double f2 = p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
            System.out.printf("| %s | %.3f | %.3f | %.3f | %d | %d | %d |%n", type, p, r, f2, c[0], c[1], c[2]);
        });
    }

    /** Debug aid: prints misses and false alarms of one type. The file is synthetic, but keep output local. */
    private static void printErrors(String text, List<PiiSpan> gold, List<PiiSpan> found, PiiType type) {
        for (PiiSpan f : found) {
            if (f.type() == type && gold.stream().noneMatch(g -> same(g, f))) {
                System.out.println("FP " + f.value() + "  <<" + text.replace('\n', ' ') + ">>");
            }
        }
        for (PiiSpan g : gold) {
            if (g.type() == type && found.stream().noneMatch(f -> same(g, f))) {
                System.out.println("FN " + g.value() + "  <<" + text.replace('\n', ' ') + ">>");
            }
        }
    }
}
