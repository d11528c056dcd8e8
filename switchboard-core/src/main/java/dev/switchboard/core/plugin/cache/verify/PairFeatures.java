package dev.switchboard.core.plugin.cache.verify;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.plugin.cache.QuestionMatch;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The features the cache verifier reads from a pair of questions. The same code computes them for training (the
 * CLI exports them) and at lookup time, so the shipped weights see exactly what they were trained on. Their order
 * is part of the weight file's contract: append, never reorder.
 */
public final class PairFeatures {

    /** Feature names, in order; the weight file lists them and is refused when they differ. */
    public static final List<String> NAMES = List.of("cosine", "align_query_mean", "align_query_min",
            "align_cached_mean", "align_cached_min", "unmatched_query", "unmatched_cached", "jaccard",
            "number_mismatch", "negation_mismatch", "reordered", "unit_mismatch", "direction_mismatch",
            "name_mismatch", "length_ratio", "question_match", "unmatched_words", "shortest_content");

    private PairFeatures() {}

    /** Features of serving {@code cached}'s answer to {@code query}. */
    public static float[] of(QuestionView query, QuestionView cached) {
        Words q = Words.of(query.text());
        Words c = Words.of(cached.text());
        float[] alignQuery = alignment(query.sketch(), cached.sketch());
        float[] alignCached = alignment(cached.sketch(), query.sketch());
        return new float[] {
            Encoding.cosine(query.embedding(), cached.embedding()),
            alignQuery[0], alignQuery[1], alignCached[0], alignCached[1],
            unmatched(q.content(), c.content()), unmatched(c.content(), q.content()),
            jaccard(q.content(), c.content()),
            flag(!q.numbers().equals(c.numbers())),
            flag(q.negated() != c.negated()),
            flag(!QuestionMatch.compatible(query.text(), cached.text()) && q.numbers().equals(c.numbers())
                    && q.negated() == c.negated()),
            flag(!q.units().equals(c.units())),
            flag(!q.directions().equals(c.directions())),
            (float) symmetricDifference(q.names(), c.names()),
            (float) Math.abs(Math.log((1.0 + q.length()) / (1.0 + c.length()))),
            flag(QuestionMatch.compatible(query.text(), cached.text())),
            Math.min(6, unmatchedCount(q.content(), c.content()) + unmatchedCount(c.content(), q.content())),
            Math.min(10, Math.min(q.content().size(), c.content().size())),
        };
    }

    /** Mean and minimum, over {@code from}'s tokens, of the best cosine with any token of {@code to}. */
    static float[] alignment(byte[] from, byte[] to) {
        int n = TokenSketch.tokens(from);
        int m = TokenSketch.tokens(to);
        if (n == 0 || m == 0) {
            return new float[] {0f, 0f};
        }
        float sum = 0f;
        float min = 1f;
        for (int i = 0; i < n; i++) {
            float best = -1f;
            for (int j = 0; j < m; j++) {
                best = Math.max(best, TokenSketch.cosine(from, i, to, j));
            }
            sum += best;
            min = Math.min(min, best);
        }
        return new float[] {sum / n, min};
    }

    /** Share of {@code a}'s content words that {@code b} lacks. */
    private static float unmatched(List<String> a, List<String> b) {
        if (a.isEmpty()) {
            return 0f;
        }
        Set<String> other = new HashSet<>(b);
        return (float) a.stream().filter(w -> !other.contains(w)).count() / a.size();
    }

    private static int unmatchedCount(List<String> a, List<String> b) {
        Set<String> other = new HashSet<>(b);
        return (int) a.stream().filter(w -> !other.contains(w)).distinct().count();
    }

    private static float jaccard(List<String> a, List<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        if (union.isEmpty()) {
            return 1f;
        }
        Set<String> both = new HashSet<>(a);
        both.retainAll(new HashSet<>(b));
        return (float) both.size() / union.size();
    }

    private static int symmetricDifference(Set<String> a, Set<String> b) {
        Set<String> diff = new HashSet<>(a);
        diff.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        diff.removeAll(both);
        return Math.min(3, diff.size());
    }

    private static float flag(boolean value) {
        return value ? 1f : 0f;
    }
}
