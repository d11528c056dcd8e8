package dev.switchboard.cli;

import dev.switchboard.core.tools.HybridScore;
import dev.switchboard.core.tools.ToolScorer;
import java.util.List;

/** The fixed ranking rules `eval tools` compares with the learned ranker, over {@link ToolScorer#features}. */
final class ToolRules {

    /** How a catalogue ranks tools from the features of one query ({@link ToolScorer#FEATURES}). */
    interface Rule {
        double[] rank(double[][] features);
    }

    private ToolRules() {}

    /** Cosine plus {@code weight} times the set-normalized BM25 ({@link HybridScore}). */
    static Rule hybrid(double weight) {
        return f -> HybridScore.fuse(column(f, 0), column(f, 4), weight);
    }

    /** Feature {@code j} of every tool. */
    static double[] column(double[][] features, int j) {
        double[] column = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            column[i] = features[i][j];
        }
        return column;
    }

    /** Reciprocal rank fusion of the two rankings (k = 60), for comparison. */
    static Rule reciprocalRank() {
        return f -> {
            double[] fused = new double[f.length];
            for (double[] scores : List.of(column(f, 0), column(f, 4))) {
                int[] rank = ranks(scores);
                for (int i = 0; i < fused.length; i++) {
                    fused[i] += 1.0 / (60 + rank[i]);
                }
            }
            return fused;
        };
    }

    private static int[] ranks(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int[] rank = new int[scores.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r + 1;
        }
        return rank;
    }
}
