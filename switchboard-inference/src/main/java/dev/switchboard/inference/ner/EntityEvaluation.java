package dev.switchboard.inference.ner;

import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.PiiType;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Span-level precision, recall and F2 per type. <em>Exact</em>: type, start and end all match. <em>Overlap</em>:
 * same type and at least one shared char — what matters for redaction, where a span one word short still hides
 * the rest of the name.
 */
public final class EntityEvaluation {

    /**
     * Counts for one type.
     *
     * @param correct predictions that match a gold span
     * @param found   gold spans matched by a prediction
     */
    public record Score(int correct, int predicted, int found, int gold) {
        public double precision() {
            return predicted == 0 ? 1 : (double) correct / predicted;
        }

        public double recall() {
            return gold == 0 ? 1 : (double) found / gold;
        }

        /** F-beta with beta 2: recall weighs four times as much as precision. */
        public double f2() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
        }

        Score plus(Score other) {
            return new Score(correct + other.correct, predicted + other.predicted, found + other.found,
                    gold + other.gold);
        }
    }

    /** Per-type scores: exact spans, overlapping spans, and words (how Presidio's evaluator counts). */
    public record Report(Map<PiiType, Score> exact, Map<PiiType, Score> overlap, Map<PiiType, Score> words) {
        public Score exactAll() {
            return sum(exact);
        }

        public Score overlapAll() {
            return sum(overlap);
        }

        public Score wordsAll() {
            return sum(words);
        }

        private static Score sum(Map<PiiType, Score> scores) {
            return scores.values().stream().reduce(new Score(0, 0, 0, 0), Score::plus);
        }
    }

    private final EntityTagger tagger;

    public EntityEvaluation(EntityTagger tagger) {
        this.tagger = tagger;
    }

    public Report evaluate(List<EntityExample> examples) {
        Map<PiiType, int[]> exact = counters();
        Map<PiiType, int[]> overlap = counters();
        Map<PiiType, int[]> words = counters();
        // tagging in parallel (the encoder's session pool), counting in order
        List<List<PiiSpan>> predictions = examples.parallelStream().map(e -> tagger.find(e.text())).toList();
        for (int i = 0; i < examples.size(); i++) {
            EntityExample example = examples.get(i);
            List<PiiSpan> predicted = predictions.get(i);
            countWords(example, predicted, words);
            for (PiiSpan p : predicted) {
                exact.get(p.type())[1]++;
                overlap.get(p.type())[1]++;
                if (example.gold().stream().anyMatch(g -> g.type() == p.type() && g.start() == p.start()
                        && g.end() == p.end())) {
                    exact.get(p.type())[0]++;
                }
                if (example.gold().stream().anyMatch(g -> g.type() == p.type() && g.overlaps(p))) {
                    overlap.get(p.type())[0]++;
                }
            }
            for (PiiSpan g : example.gold()) {
                exact.get(g.type())[2]++;
                overlap.get(g.type())[2]++;
                if (predicted.stream().anyMatch(p -> p.type() == g.type() && p.overlaps(g))) {
                    overlap.get(g.type())[3]++;
                }
                if (predicted.stream().anyMatch(p -> p.type() == g.type() && p.start() == g.start()
                        && p.end() == g.end())) {
                    exact.get(g.type())[3]++;
                }
            }
        }
        return new Report(scores(exact), scores(overlap), scores(words));
    }

    /** Prints one table per test set, and returns its report. */
    public Report print(String name, List<EntityExample> examples, PrintStream out) {
        Report report = evaluate(examples);
        out.printf("%n%s (%d texts)%n", name, examples.size());
        out.printf("  %-13s %6s | %9s %7s %6s | %9s %7s %6s | %7s %7s %6s%n", "type", "spans", "exact P", "R",
                "F2", "overlap P", "R", "F2", "words P", "R", "F2");
        for (PiiType type : EntityLabels.TYPES) {
            Score e = report.exact().get(type);
            Score o = report.overlap().get(type);
            Score w = report.words().get(type);
            out.printf("  %-13s %6d | %9.3f %7.3f %6.3f | %9.3f %7.3f %6.3f | %7.3f %7.3f %6.3f%n", type, e.gold(),
                    e.precision(), e.recall(), e.f2(), o.precision(), o.recall(), o.f2(), w.precision(), w.recall(),
                    w.f2());
        }
        Score all = report.exactAll();
        out.printf("  %-13s %6d | %9.3f %7.3f %6.3f%n", "all (exact)", all.gold(), all.precision(), all.recall(),
                all.f2());
        return report;
    }

    /** One line per set: F2 of all types (exact, overlap, words), then overlap F2 of each type. */
    public static void printSummary(Map<String, Report> reports, PrintStream out) {
        out.printf("%nSummary: F2 of all types, and overlap F2 per type (- where the set has no such span)%n");
        out.printf("  %-32s %6s %8s %6s |", "set", "exact", "overlap", "words");
        EntityLabels.TYPES.forEach(type -> out.printf(" %13s", type));
        out.println();
        reports.forEach((name, report) -> {
            out.printf("  %-32s %6.3f %8.3f %6.3f |", name, report.exactAll().f2(), report.overlapAll().f2(),
                    report.wordsAll().f2());
            for (PiiType type : EntityLabels.TYPES) {
                Score score = report.overlap().get(type);
                out.printf(" %13s", score.gold() == 0 ? "-" : String.format("%.3f", score.f2()));
            }
            out.println();
        });
    }

    /** Each word of the text counts once, with the type of the span it lies in (or none) on either side. */
    private static void countWords(EntityExample example, List<PiiSpan> predicted, Map<PiiType, int[]> counts) {
        String text = example.text();
        int i = 0;
        while (i < text.length()) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            PiiType gold = typeAt(example.gold(), start);
            PiiType guess = typeAt(predicted, start);
            if (guess != null) {
                counts.get(guess)[1]++;
            }
            if (gold != null) {
                counts.get(gold)[2]++;
            }
            if (gold != null && gold == guess) {
                counts.get(gold)[0]++;
                counts.get(gold)[3]++;
            }
        }
    }

    private static PiiType typeAt(List<PiiSpan> spans, int offset) {
        for (PiiSpan span : spans) {
            if (span.start() <= offset && offset < span.end()) {
                return span.type();
            }
        }
        return null;
    }

    private static Map<PiiType, int[]> counters() {
        Map<PiiType, int[]> counts = new EnumMap<>(PiiType.class);
        for (PiiType type : EntityLabels.TYPES) {
            counts.put(type, new int[4]); // correct, predicted, gold, found
        }
        return counts;
    }

    private static Map<PiiType, Score> scores(Map<PiiType, int[]> counts) {
        Map<PiiType, Score> out = new EnumMap<>(PiiType.class);
        counts.forEach((type, c) -> out.put(type, new Score(c[0], c[1], c[3], c[2])));
        return out;
    }
}
