package dev.switchboard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.cli.ToolData.Query;
import dev.switchboard.cli.ToolData.Split;
import dev.switchboard.core.tools.HybridScore;
import dev.switchboard.core.tools.ToolScorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Trains the tool ranker ({@link ToolScorer}) on MetaTool's training-split single-tool queries over its 199 tools:
 * a linear score of the nine pair features, fitted by softmax cross-entropy over each query's candidate tools (Adam,
 * seeded order, fixed epochs: every run gives the same weights). Before the shipped fit it checks the thing that
 * matters for unseen tool sets: fitted on the queries of one half of the tools only, does it beat plain similarity
 * and the hand-set hybrid on test queries of the other half?
 */
final class ToolScorerTraining {

    static final int EPOCHS = 30;
    private static final int BATCH = 64;
    private static final double LEARNING_RATE = 0.05;
    /** Start from the hybrid rule (cosine + 0.1 x BM25 share), scaled to a softmax-friendly temperature. */
    private static final double[] START = {20, 0, 0, 0, 20 * HybridScore.LEXICAL_WEIGHT, 0, 0, 0, 0};

    private final ToolFeatures catalogue;
    private final StringBuilder out = new StringBuilder();

    private ToolScorerTraining(ToolFeatures catalogue) {
        this.catalogue = catalogue;
    }

    /** Trains, reports and writes {@code scorer.json} and {@code scorer.manifest.json} into {@code dir}. */
    static String run(ToolData data, VectorCache cache, String encoderId, Path dir, long seed) throws IOException {
        ToolScorerTraining training = new ToolScorerTraining(new ToolFeatures(data.toolsOf("single_tool"), cache));
        try {
            List<Query> train = data.single(Split.TRAIN);
            List<Query> test = data.single(Split.TEST);
            training.heldOutTools(data, train, test, seed);
            double[] weights = training.fit(train, seed);
            String table = training.table(weights, data.single(Split.VALIDATION), test);
            training.write(dir, encoderId, weights, seed, train.size(), table);
        } finally {
            cache.save();
        }
        return training.out.toString();
    }

    private void heldOutTools(ToolData data, List<Query> train, List<Query> test, long seed) {
        line("## Held-out tools: fitted on the training queries of one half of the tools, measured on test queries "
                + "of the other half (199 tools sent)\n");
        line("| fitted on | measured on | rule | gold in top 1 | top 5 | top 8 |\n|---|---|---|---|---|---|");
        for (int half = 0; half < 2; half++) {
            int fitted = half;
            double[] weights = fit(train.stream().filter(q -> data.toolHalf(q.gold().get(0)) == fitted).toList(),
                    seed);
            List<Query> unseen = test.stream().filter(q -> data.toolHalf(q.gold().get(0)) != fitted).toList();
            String where = "tools half " + "AB".charAt(fitted) + " | " + unseen.size() + " queries, tools half "
                    + "AB".charAt(1 - fitted);
            rows(where, weights, unseen);
        }
    }

    private String table(double[] weights, List<Query> validation, List<Query> test) {
        int start = out.length();
        line("\n## Fitted on all " + "training queries, measured on validation and test (199 tools sent)\n");
        line("| fitted on | measured on | rule | gold in top 1 | top 5 | top 8 |\n|---|---|---|---|---|---|");
        rows("all tools | validation, " + validation.size() + " queries", weights, validation);
        rows("all tools | test, " + test.size() + " queries", weights, test);
        return out.substring(start);
    }

    private void rows(String where, double[] weights, List<Query> queries) {
        ToolScorer learned = new ToolScorer("", weights);
        line("| " + where + " | cosine only | " + recall(queries, f -> ToolRules.column(f, 0)) + " |");
        line("| " + where + " | cosine + 0.1 x BM25/max | " + recall(queries,
                f -> HybridScore.fuse(ToolRules.column(f, 0), ToolRules.column(f, 4), HybridScore.LEXICAL_WEIGHT)) + " |");
        line("| " + where + " | learned scorer | " + recall(queries, learned::scores) + " |");
    }

    private String recall(List<Query> queries, Function<double[][], double[]> rule) {
        int[] ks = {1, 5, 8};
        int[] hits = new int[ks.length];
        for (Query q : queries) {
            double[] scores = rule.apply(catalogue.of(q.text()));
            double gold = q.gold().stream().mapToDouble(g -> scores[catalogue.index(g)]).max().orElseThrow();
            int better = 0;
            for (double s : scores) {
                better += s > gold ? 1 : 0;
            }
            for (int k = 0; k < ks.length; k++) {
                hits[k] += better < ks[k] ? 1 : 0;
            }
        }
        List<String> cells = new ArrayList<>();
        for (int hit : hits) {
            cells.add(String.format(Locale.ROOT, "%.1f %%", 100.0 * hit / queries.size()));
        }
        return String.join(" | ", cells);
    }

    /** Softmax cross-entropy over all tools (any gold tool counts), mini-batches in a seeded order, Adam. */
    double[] fit(List<Query> queries, long seed) {
        List<Query> order = new ArrayList<>(queries);
        Collections.shuffle(order, new Random(seed));
        double[] w = START.clone();
        Adam adam = new Adam(w.length);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int b = 0; b < order.size(); b += BATCH) {
                List<Query> batch = order.subList(b, Math.min(order.size(), b + BATCH));
                double[] gradient = new double[w.length];
                batch.forEach(q -> accumulate(w, q, gradient));
                for (int j = 0; j < gradient.length; j++) {
                    gradient[j] /= batch.size();
                }
                adam.step(w, gradient, LEARNING_RATE);
            }
        }
        return w;
    }

    private void accumulate(double[] w, Query q, double[] gradient) {
        double[][] f = catalogue.of(q.text());
        double[] p = new ToolScorer("", w).scores(f);
        double max = java.util.Arrays.stream(p).max().orElseThrow();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(p[i] - max);
            sum += p[i];
        }
        boolean[] gold = new boolean[p.length];
        double goldMass = 0;
        for (String g : q.gold()) {
            gold[catalogue.index(g)] = true;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
            goldMass += gold[i] ? p[i] : 0;
        }
        for (int i = 0; i < p.length; i++) {
            double d = p[i] - (gold[i] ? p[i] / goldMass : 0);
            for (int j = 0; j < w.length; j++) {
                gradient[j] += d * f[i][j];
            }
        }
    }

    /** Adam with the usual constants. */
    private static final class Adam {
        private final double[] m;
        private final double[] v;
        private int t;

        Adam(int n) {
            m = new double[n];
            v = new double[n];
        }

        void step(double[] w, double[] g, double lr) {
            t++;
            for (int j = 0; j < w.length; j++) {
                m[j] = 0.9 * m[j] + 0.1 * g[j];
                v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
                double mHat = m[j] / (1 - Math.pow(0.9, t));
                double vHat = v[j] / (1 - Math.pow(0.999, t));
                w[j] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
    }

    private void write(Path dir, String encoderId, double[] weights, long seed, int queries, String table)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode scorer = json.createObjectNode().put("format", ToolScorer.FORMAT).put("encoder", encoderId);
        ToolScorer.FEATURES.forEach(scorer.putArray("features")::add);
        for (double w : weights) {
            scorer.withArray("weights").add(Math.round(w * 1e6) / 1e6);
        }
        ObjectNode manifest = json.createObjectNode().put("head", "tool ranker (linear, softmax over candidates)")
                .put("encoder", encoderId).put("seed", seed).put("epochs", EPOCHS).put("batch", BATCH)
                .put("learning_rate", LEARNING_RATE)
                .put("data", "MetaTool @35e81bb single-tool queries, training split (seeded SHA-256 of the "
                        + "lower-cased query, 60/20/20), de-duplicated: " + queries + " queries over 199 tools")
                .put("reproduce", "switchboard train tools --data ../shared/data/tools --out DIR --seed " + seed)
                .put("results", table);
        Files.createDirectories(dir);
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("scorer.json").toFile(), scorer);
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("scorer.manifest.json").toFile(), manifest);
        line("\nWrote " + dir.resolve("scorer.json") + " (weights " + scorer.get("weights") + ") and its manifest.");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
