package dev.switchboard.core.tools;

/**
 * A tool's relevance as the router ranks it: the dense cosine similarity plus a share of its BM25 score, scaled by
 * the best BM25 in the same tool set so the lexical part lies in [0, weight] whatever the set's size and wording.
 * The weight is the one number chosen on data (MetaTool's validation split, docs/tools.md); it was checked on tools
 * held out from that choice. The cosine alone still decides {@code min_similarity}, so thresholds keep their meaning.
 */
public final class HybridScore {

    /** The lexical share chosen on validation (docs/tools.md, "Scoring rule"). */
    public static final double LEXICAL_WEIGHT = 0.1;

    private HybridScore() {}

    /** {@code similarity[i] + weight * lexical[i] / max(lexical)}; the similarity alone when no term matched. */
    public static double[] fuse(double[] similarity, double[] lexical, double weight) {
        double best = 0;
        for (double score : lexical) {
            best = Math.max(best, score);
        }
        double[] fused = similarity.clone();
        if (best > 0) {
            for (int i = 0; i < fused.length; i++) {
                fused[i] += weight * lexical[i] / best;
            }
        }
        return fused;
    }
}
