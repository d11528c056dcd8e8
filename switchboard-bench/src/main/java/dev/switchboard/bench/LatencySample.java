package dev.switchboard.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, growing as needed; percentiles by nearest rank. Not thread-safe. */
final class LatencySample {

    private long[] nanos = new long[1024];
    private int count;

    void add(long value) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = value;
    }

    void addAll(LatencySample other) {
        for (int i = 0; i < other.count; i++) {
            add(other.nanos[i]);
        }
    }

    int count() {
        return count;
    }

    /** The {@code p}-th percentile (nearest rank), or 0 when empty. */
    long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return sorted[Math.max(0, Math.min(count - 1, (int) Math.ceil(p / 100.0 * count) - 1))];
    }
}
