package dev.switchboard.server.dashboard;

/**
 * Latencies counted in log-spaced bins (each 20 % wider than the last, from 10 µs to about 3 minutes), so a
 * second's worth of requests costs one array of ints whatever the traffic, and two histograms merge by adding.
 * Quantiles are read to within one bin (±10 %), enough for a chart. Not thread-safe: {@link Timeline} locks.
 */
final class LatencyHistogram {

    private static final double GROWTH = 1.2;
    private static final double FLOOR_MICROS = 10;
    private static final int BINS = 92; // 10 µs · 1.2^92 ≈ 190 s

    private final int[] counts = new int[BINS];
    private int total;

    void record(long nanos) {
        double micros = Math.max(nanos / 1e3, FLOOR_MICROS);
        int bin = (int) (Math.log(micros / FLOOR_MICROS) / Math.log(GROWTH));
        counts[Math.min(bin, BINS - 1)]++;
        total++;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BINS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    void clear() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
    }

    int count() {
        return total;
    }

    /** The {@code q} quantile in milliseconds (the middle of its bin), or null when nothing was recorded. */
    Double quantileMillis(double q) {
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        int bin = 0;
        for (; bin < BINS - 1; bin++) {
            seen += counts[bin];
            if (seen >= rank) {
                break;
            }
        }
        double lowMicros = FLOOR_MICROS * Math.pow(GROWTH, bin);
        return Math.round(lowMicros * Math.sqrt(GROWTH) / 10.0) / 100.0; // geometric middle, 0.01 ms resolution
    }
}
