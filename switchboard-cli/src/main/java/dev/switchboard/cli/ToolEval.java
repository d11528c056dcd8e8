package dev.switchboard.cli;

import dev.switchboard.cli.ToolData.Query;
import dev.switchboard.cli.ToolData.Split;
import dev.switchboard.cli.ToolData.Tool;
import dev.switchboard.core.tools.HybridScore;
import dev.switchboard.core.tools.ToolScorer;
import dev.switchboard.core.tools.ToolSelector;
import dev.switchboard.core.tools.ToolTexts;
import dev.switchboard.inference.ProgressListener;
import dev.switchboard.inference.encoder.OnnxEncoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Measures tool selection by plain similarity, as the router runs it ({@link ToolTexts}, cosine to the query's
 * pooled embedding): how often the gold tool(s) stay in the kept set, how many tools are kept, and how many
 * tool-definition tokens are removed (counted with the encoder's own tokenizer over each tool's JSON schema), per
 * {@code top_k} and {@code min_similarity}; and tool awareness (does a query need a tool at all?). The text format
 * is chosen on the validation split; every reported number is on the test split, which nothing was fitted on.
 */
final class ToolEval {

    static final int[] TOP_KS = {1, 3, 5, 8, 10};
    static final double[] THRESHOLDS = {-1, 0.3, 0.4, 0.5, 0.6, 0.7};

    /** The rule the router runs: the shipped learned scorer, or {@link HybridScore} when none fits the encoder. */
    private final ToolRules.Rule runtime;

    private final OnnxEncoder encoder;
    private final ProgressListener progress;
    private final VectorCache vectors;
    /** Per catalogue (by identity: each is built once) and query text. */
    private final Map<Catalogue, Map<String, Scores>> scoreCache = new java.util.IdentityHashMap<>();
    private final StringBuilder out = new StringBuilder();
    private long expectedQueries;

    private ToolEval(OnnxEncoder encoder, ProgressListener progress, java.nio.file.Path cache) {
        this.encoder = encoder;
        this.progress = progress;
        this.vectors = new VectorCache(encoder, cache);
        ToolScorer scorer = ToolScorer.shippedFor(encoder.modelId());
        this.runtime = scorer == null ? ToolRules.hybrid(HybridScore.LEXICAL_WEIGHT) : scorer::scores;
    }

    /** @param cache directory of the on-disk embedding cache, or null for none */
    static String run(ToolData data, OnnxEncoder encoder, int limit, int examples, ProgressListener progress,
                      java.nio.file.Path cache) {
        ToolEval eval = new ToolEval(encoder, progress, cache);
        try {
            eval.report(data, limit);
            if (examples > 0) {
                eval.withExamples(data, limit, examples);
            }
        } finally {
            eval.vectors.save();
        }
        return eval.out.toString();
    }

    static String run(ToolData data, OnnxEncoder encoder, int limit, int examples, ProgressListener progress) {
        return run(data, encoder, limit, examples, progress, null);
    }

    /**
     * The same measures when the router's catalogue carries example requests for each tool ({@code examples} in
     * the catalogue file): the first {@code perTool} training-split queries of each tool. Test queries are never
     * examples: they are in another split.
     */
    private void withExamples(ToolData data, int limit, int perTool) {
        Map<String, List<String>> byTool = new HashMap<>();
        for (Query q : data.single(Split.TRAIN)) {
            List<String> texts = byTool.computeIfAbsent(q.gold().get(0), t -> new ArrayList<>());
            if (texts.size() < perTool) {
                texts.add(q.text());
            }
        }
        Function<Tool, String> runtimeText = t -> ToolTexts.text(t.definition());
        List<Query> validation = cap(data.single(Split.VALIDATION), limit);
        line("\n# With catalogue examples (" + perTool + " training-split queries per tool)\n");
        line("## How examples score a tool, validation split (" + validation.size() + " queries, 199 tools)\n");
        line("| rule | gold in top 1 | top 3 | top 5 | top 8 |\n|---|---|---|---|---|");
        line("| mean of the examples (runtime) | " + recallRow(examples(catalogue(data.toolsOf("single_tool"),
                runtimeText, runtime), byTool, true), validation) + " |");
        line("| nearest example | " + recallRow(examples(catalogue(data.toolsOf("single_tool"), runtimeText, runtime),
                byTool, false), validation) + " |");
        Catalogue single = examples(catalogue(data.toolsOf("single_tool"), runtimeText, runtime), byTool, true);
        List<Query> test = cap(data.single(Split.TEST), limit);
        line("\n## Single-tool queries, test split (" + test.size() + " queries, all 199 tools sent)\n");
        grid(single, test);
        twentyTools(single, test);
        Catalogue multi = examples(catalogue(data.toolsOf("merged_multi_tool"), runtimeText, runtime), byTool, true);
        List<Query> multiTest = cap(data.multi(Split.TEST), limit);
        line("\n## Multi-tool queries (2 gold tools), test split, " + multiTest.size() + " queries, "
                + multi.tools().size() + " tools sent\n");
        grid(multi, multiTest);
    }

    /** {@code c} with each tool's examples: their mean (as the router scores them), or each one (nearest wins). */
    private Catalogue examples(Catalogue c, Map<String, List<String>> byTool, boolean mean) {
        for (int i = 0; i < c.tools().size(); i++) {
            List<float[]> vectors = byTool.getOrDefault(c.tools().get(i).name(), List.of()).stream()
                    .map(this::vector).toList();
            c.features().examples[i] = vectors.isEmpty() ? null
                    : mean ? new float[][] {ToolSelector.centroid(vectors)} : vectors.toArray(float[][]::new);
        }
        return c;
    }

    /** A tool catalogue embedded under one text format and ranked by one rule, with schema sizes in tokens. */
    private record Catalogue(ToolFeatures features, int[] tokens, ToolRules.Rule rule) {
        List<Tool> tools() {
            return features.tools;
        }

        int index(String name) {
            return features.index(name);
        }

        Catalogue ranked(ToolRules.Rule other) {
            return new Catalogue(features, tokens, other);
        }
    }

    /** One query against a catalogue: the cosine per tool (what min_similarity reads) and the ranking score. */
    private record Scores(double[] similarity, double[] rank) {}

    private void report(ToolData data, int limit) {
        line("# Tool selection on MetaTool (encoder " + encoder.modelId() + ")\n");
        Map<String, Function<Tool, String>> formats = new LinkedHashMap<>();
        formats.put("description only", t -> t.definition().path("function").path("description").asText());
        formats.put("name: description (runtime)", t -> ToolTexts.text(t.definition()));
        List<Query> validation = cap(data.single(Split.VALIDATION), limit);
        expectedQueries = 2L * validation.size() + 1500;
        line("## Text format, validation split (" + validation.size() + " single-tool queries, 199 tools, "
                + "cosine only)\n");
        line("| format | gold in top 1 | top 3 | top 5 | top 8 |\n|---|---|---|---|---|");
        for (var format : formats.entrySet()) {
            Catalogue c = catalogue(data.toolsOf("single_tool"), format.getValue(), ToolRules.hybrid(0));
            line("| " + format.getKey() + " | " + recallRow(c, validation) + " |");
        }
        Catalogue single = catalogue(data.toolsOf("single_tool"), formats.get("name: description (runtime)"), runtime);
        rules(data, single, validation, limit);
        List<Query> test = cap(data.single(Split.TEST), limit);
        line("\n## Single-tool queries, test split (" + test.size() + " queries, all 199 tools sent, runtime rule)\n");
        grid(single, test);
        twentyTools(single, test);
        multi(data, limit);
        awareness(data, single, limit);
        line("\nTokens: each tool's OpenAI function schema (JSON) counted with the encoder's tokenizer ("
                + encoder.modelId() + "), not the target model's; `removed` = share of the sent tools' tokens not "
                + "sent on. `keep_all` applies when no tool reaches the threshold (all tools are then kept). "
                + "min_similarity is compared with the cosine alone; tools are ranked by the runtime rule.");
    }

    /** The candidate rules: chosen on validation, then checked on test queries of tools the choice never saw. */
    private void rules(ToolData data, Catalogue single, List<Query> validation, int limit) {
        Map<String, ToolRules.Rule> rules = new LinkedHashMap<>();
        rules.put("cosine only", ToolRules.hybrid(0));
        rules.put("BM25 only", f -> ToolRules.column(f, 4));
        rules.put("reciprocal rank fusion (k 60)", ToolRules.reciprocalRank());
        for (double w : new double[] {0.05, 0.1, 0.15, 0.2, 0.3}) {
            rules.put("cosine + " + w + " x BM25/max" + (w == HybridScore.LEXICAL_WEIGHT ? " (without a scorer)" : ""),
                    ToolRules.hybrid(w));
        }
        rules.put("learned scorer (runtime)", runtime);
        Catalogue all = catalogue(data.distinctTools(), t -> ToolTexts.text(t.definition()), runtime);
        List<Query> multiValidation = cap(data.multi(Split.VALIDATION), limit);
        line("\n## Scoring rule, validation split (" + validation.size() + " single-tool queries over 199 tools; "
                + multiValidation.size() + " multi-tool queries over all " + all.tools().size() + " tools)\n");
        line("| rule | gold in top 1 | top 3 | top 5 | top 8 | multi: both in top 8 |\n|---|---|---|---|---|---|");
        for (var rule : rules.entrySet()) {
            line("| " + rule.getKey() + " | " + recallRow(single.ranked(rule.getValue()), validation) + " | "
                    + pct(hits(all.ranked(rule.getValue()), multiValidation, 8), multiValidation.size()) + " |");
        }
        List<Query> valHalf = validation.stream().filter(q -> data.toolHalf(q.gold().get(0)) == 0).toList();
        List<Query> testHalf = cap(data.single(Split.TEST), limit).stream()
                .filter(q -> data.toolHalf(q.gold().get(0)) == 1).toList();
        line("\n## Held-out tools: rules chosen on validation queries of one half of the tools (" + valHalf.size()
                + ") against test queries of the other half (" + testHalf.size() + "), 199 tools sent (the learned "
                + "scorer's own held-out-tool check is printed by `switchboard train tools`)\n");
        line("| rule | validation, tools half A: top 5 | test, tools half B: top 5 | top 1 |\n|---|---|---|---|");
        rules.remove("learned scorer (runtime)"); // it was fitted on every tool: `train tools` checks it held out
        for (var rule : rules.entrySet()) {
            Catalogue c = single.ranked(rule.getValue());
            line("| " + rule.getKey() + " | " + pct(hits(c, valHalf, 5), valHalf.size()) + " | "
                    + pct(hits(c, testHalf, 5), testHalf.size()) + " | " + pct(hits(c, testHalf, 1), testHalf.size())
                    + " |");
        }
        scoreCache.keySet().removeIf(c -> c != single); // the per-rule copies' scores are not needed again
    }

    private int hits(Catalogue c, List<Query> queries, int k) {
        int hit = 0;
        for (Query q : queries) {
            hit += allKept(c, q, allIndices(c), k, -1) ? 1 : 0;
        }
        return hit;
    }

    private String recallRow(Catalogue c, List<Query> queries) {
        List<String> cells = new ArrayList<>();
        for (int k : new int[] {1, 3, 5, 8}) {
            cells.add(pct(hits(c, queries, k), queries.size()));
        }
        return String.join(" | ", cells);
    }

    /** Recall, mean tools kept and tokens removed per top_k and threshold, all tools of {@code c} sent. */
    private void grid(Catalogue c, List<Query> queries) {
        line("| top_k | min_similarity | gold kept (all) | mean tools kept | tokens removed |\n|---|---|---|---|---|");
        for (int k : TOP_KS) {
            for (double t : THRESHOLDS) {
                long kept = 0;
                long keptTokens = 0;
                int hits = 0;
                for (Query q : queries) {
                    List<Integer> chosen = kept(c, q, allIndices(c), k, t);
                    hits += served(c, q, chosen) ? 1 : 0;
                    kept += chosen.size();
                    keptTokens += chosen.stream().mapToInt(i -> c.tokens()[i]).sum();
                }
                long allTokens = (long) queries.size() * java.util.Arrays.stream(c.tokens()).sum();
                line("| " + k + " | " + (t < 0 ? "none" : t) + " | " + pct(hits, queries.size()) + " | "
                        + fmt((double) kept / queries.size()) + " | " + pct(allTokens - keptTokens, allTokens) + " |");
            }
        }
    }

    /** Requests of 20 tools: the gold tool and 19 others drawn at random (seeded), top_k 5, no threshold. */
    private void twentyTools(Catalogue c, List<Query> queries) {
        Random random = new Random(42);
        int hits = 0;
        long all = 0;
        long kept = 0;
        for (Query q : queries) {
            List<Integer> sent = new ArrayList<>(new java.util.LinkedHashSet<>(goldIndices(c, q)));
            List<Integer> others = new ArrayList<>(allIndices(c));
            others.removeAll(sent);
            Collections.shuffle(others, random);
            sent.addAll(others.subList(0, Math.min(others.size(), 20 - sent.size())));
            List<Integer> chosen = kept(c, q, sent, 5, -1);
            hits += served(c, q, chosen) ? 1 : 0;
            all += sent.stream().mapToInt(i -> c.tokens()[i]).sum();
            kept += chosen.stream().mapToInt(i -> c.tokens()[i]).sum();
        }
        line("\n## Requests with 20 tools (gold + 19 random), top_k 5, test split\n");
        line("gold kept " + pct(hits, queries.size()) + ", tool-definition tokens removed " + pct(all - kept, all)
                + " (" + queries.size() + " requests)");
    }

    private void multi(ToolData data, int limit) {
        Function<Tool, String> runtimeText = t -> ToolTexts.text(t.definition());
        for (var catalogue : List.of(catalogue(data.toolsOf("merged_multi_tool"), runtimeText, runtime),
                catalogue(data.distinctTools(), runtimeText, runtime))) {
            for (Split split : List.of(Split.TEST)) {
                List<Query> queries = cap(data.multi(split), limit);
                line("\n## Multi-tool queries (2 gold tools), " + split.name().toLowerCase(Locale.ROOT) + " split, "
                        + queries.size() + " queries, " + catalogue.tools().size() + " tools sent\n");
                grid(catalogue, queries);
            }
        }
    }

    /** A query needs a tool when its best tool's similarity reaches t; t chosen for best F1 on validation. */
    private void awareness(ToolData data, Catalogue c, int limit) {
        double best = -1;
        double bestF1 = -1;
        List<Query> validation = cap(data.awareness(Split.VALIDATION), limit);
        for (double t = 0.3; t <= 0.9; t += 0.01) {
            double[] prf = awarenessScores(c, validation, t);
            if (prf[2] > bestF1) {
                bestF1 = prf[2];
                best = t;
            }
        }
        List<Query> test = cap(data.awareness(Split.TEST), limit);
        double[] prf = awarenessScores(c, test, best);
        line("\n## Tool awareness (does the query need a tool?), test split, " + test.size() + " queries\n");
        line("best similarity ≥ " + fmt(best) + " (chosen for F1 on validation): precision " + fmt(prf[0])
                + ", recall " + fmt(prf[1]) + ", F1 " + fmt(prf[2]));
    }

    private double[] awarenessScores(Catalogue c, List<Query> queries, double threshold) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Query q : queries) {
            double max = Double.NEGATIVE_INFINITY;
            for (double score : scores(c, q).similarity()) {
                max = Math.max(max, score);
            }
            boolean predicted = max >= threshold;
            tp += predicted && q.needsTool() ? 1 : 0;
            fp += predicted && !q.needsTool() ? 1 : 0;
            fn += !predicted && q.needsTool() ? 1 : 0;
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        return new double[] {precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall
                / (precision + recall)};
    }

    private boolean allKept(Catalogue c, Query q, List<Integer> sent, int k, double t) {
        return served(c, q, kept(c, q, sent, k, t));
    }

    /** Whether the kept tools answer the query: all its gold tools, or one of them for an any-of query. */
    private boolean served(Catalogue c, Query q, List<Integer> kept) {
        List<Integer> gold = goldIndices(c, q);
        return q.anyOf() ? gold.stream().anyMatch(kept::contains) : kept.containsAll(gold);
    }

    /** What the router keeps of {@code sent}: the best k at or above t; all of them when none reaches t. */
    private List<Integer> kept(Catalogue c, Query q, List<Integer> sent, int k, double t) {
        Scores scores = scores(c, q);
        List<Integer> ranked = new ArrayList<>(sent);
        ranked.sort((a, b) -> Double.compare(scores.rank()[b], scores.rank()[a]));
        List<Integer> relevant = ranked.stream().filter(i -> scores.similarity()[i] >= t).limit(k).toList();
        return relevant.isEmpty() ? ranked : relevant;
    }

    /** The query's similarity to every tool of {@code c} and its ranking scores, computed once per catalogue. */
    private Scores scores(Catalogue c, Query q) {
        return scoreCache.computeIfAbsent(c, x -> new HashMap<>()).computeIfAbsent(q.text(), text -> {
            vector(text);
            double[][] features = c.features().of(text);
            return new Scores(ToolRules.column(features, 0), c.rule().rank(features));
        });
    }

    private List<Integer> goldIndices(Catalogue c, Query q) {
        return q.gold().stream().map(c::index).toList();
    }

    private static List<Integer> allIndices(Catalogue c) {
        return java.util.stream.IntStream.range(0, c.tools().size()).boxed().toList();
    }

    private Catalogue catalogue(List<Tool> tools, Function<Tool, String> text, ToolRules.Rule rule) {
        int[] tokens = new int[tools.size()];
        for (int i = 0; i < tools.size(); i++) {
            tokens[i] = encoder.countTokens(tools.get(i).definition().toString());
        }
        return new Catalogue(new ToolFeatures(tools, text, vectors), tokens, rule);
    }

    private float[] vector(String text) {
        int before = vectors.size();
        float[] v = vectors.of(text);
        if (vectors.size() > before && vectors.size() % 1000 == 0) {
            progress.onProgress("texts encoded", vectors.size(), expectedQueries);
        }
        return v;
    }

    private static List<Query> cap(List<Query> queries, int limit) {
        return limit > 0 && queries.size() > limit ? queries.subList(0, limit) : queries;
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private static String pct(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f %%", whole == 0 ? 0 : 100.0 * part / whole);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
