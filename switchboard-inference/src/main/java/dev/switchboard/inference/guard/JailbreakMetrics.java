package dev.switchboard.inference.guard;

import java.util.Arrays;

/** Threshold-free and threshold-based metrics of a binary scorer, from the scores of positives and negatives. */
public final class JailbreakMetrics {

    private JailbreakMetrics() {}

    /** Area under the ROC curve: the chance a random positive outscores a random negative (ties count half). */
    public static double rocAuc(float[] positives, float[] negatives) {
        float[] neg = negatives.clone();
        Arrays.sort(neg);
        double wins = 0;
        for (float p : positives) {
            int below = lowerBound(neg, p);
            int notAbove = lowerBound(neg, Math.nextUp(p));
            wins += below + 0.5 * (notAbove - below);
        }
        return wins / ((double) positives.length * negatives.length);
    }

    /**
     * The lowest threshold at which at most {@code maxFpr} of {@code negatives} score at or above it, so the
     * recall bought is the highest the false-positive budget allows.
     */
    public static float thresholdAtFpr(float[] negatives, double maxFpr) {
        float[] desc = negatives.clone();
        Arrays.sort(desc);
        int allowed = (int) Math.floor(maxFpr * desc.length);
        if (allowed >= desc.length) {
            return 0f;
        }
        return Math.nextUp(desc[desc.length - 1 - allowed]);
    }

    /** Fraction of {@code scores} at or above {@code threshold}: recall on positives, FPR on negatives. */
    public static double flaggedRate(float[] scores, float threshold) {
        if (scores.length == 0) {
            return Double.NaN;
        }
        long flagged = 0;
        for (float s : scores) {
            flagged += s >= threshold ? 1 : 0;
        }
        return (double) flagged / scores.length;
    }

    private static int lowerBound(float[] sorted, float key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
