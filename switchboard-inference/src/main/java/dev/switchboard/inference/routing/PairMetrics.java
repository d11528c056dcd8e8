package dev.switchboard.inference.routing;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The RouteLLM metrics of a two-model pool (Ong et al., 2024, arXiv:2406.18665). A router ranks prompts by how much
 * it expects the strong model to help; sending the top fraction c to the strong model gives
 * {@code PGR(c) = (acc(c) − acc(weak)) / (acc(strong) − acc(weak))}.
 *
 * <ul>
 *   <li>APGR: the area under PGR over c in [0, 1] — computed exactly on the piecewise-linear curve through every
 *       prompt count (the paper approximates it with 10 points); a random router scores 0.5.</li>
 *   <li>CPT(x): the smallest fraction of calls to the strong model that reaches PGR x, or null if none does.</li>
 * </ul>
 * Prompts the router cannot tell apart (equal ranking scores) are taken in expectation over their order, so ties
 * never favour the router.
 *
 * @param apgr  average performance gap recovered
 * @param cpt50 calls to the strong model for PGR 0.5
 * @param cpt80 calls to the strong model for PGR 0.8
 */
public record PairMetrics(double apgr, Double cpt50, Double cpt80) {

    /**
     * @param preference per prompt, how much the router prefers the strong model (higher: more)
     * @param gain       per prompt, strong score minus weak score
     * @param weakAcc    the weak model's accuracy; @param strongAcc the strong model's
     */
    public static PairMetrics of(double[] preference, double[] gain, double weakAcc, double strongAcc) {
        double[] pgr = pgrByCalls(preference, gain, weakAcc, strongAcc);
        int n = gain.length;
        double area = 0;
        for (int k = 1; k <= n; k++) {
            area += (pgr[k - 1] + pgr[k]) / 2 / n;
        }
        return new PairMetrics(area, callsFor(pgr, 0.5), callsFor(pgr, 0.8));
    }

    /** For a router with one fixed choice: PGR is the same at every threshold. */
    public static PairMetrics constant(double pgr) {
        return new PairMetrics(pgr, pgr >= 0.5 ? 1.0 : null, pgr >= 0.8 ? 1.0 : null);
    }

    /** {@code pgr[k]}: PGR when the k most preferred prompts go to the strong model. */
    static double[] pgrByCalls(double[] preference, double[] gain, double weakAcc, double strongAcc) {
        int n = gain.length;
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -preference[i]));
        double[] recovered = new double[n + 1];
        int start = 0;
        while (start < n) {
            int end = start;
            double groupGain = 0;
            while (end < n && preference[order[end]] == preference[order[start]]) {
                groupGain += gain[order[end++]];
            }
            double mean = groupGain / (end - start); // ties: each tied prompt gains the group's mean in expectation
            for (int k = start + 1; k <= end; k++) {
                recovered[k] = recovered[k - 1] + mean;
            }
            start = end;
        }
        double gap = strongAcc - weakAcc;
        double[] pgr = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            pgr[k] = gap == 0 ? 1 : recovered[k] / n / gap;
        }
        return pgr;
    }

    private static Double callsFor(double[] pgr, double target) {
        int n = pgr.length - 1;
        for (int k = 0; k <= n; k++) {
            if (pgr[k] >= target - 1e-12) {
                if (k == 0) {
                    return 0.0;
                }
                double t = (target - pgr[k - 1]) / (pgr[k] - pgr[k - 1]);
                return (k - 1 + t) / n;
            }
        }
        return null;
    }
}
