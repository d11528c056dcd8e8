package dev.switchboard.server.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What happened in one slot of time (a second or a minute): counts, tokens, cost and latency histograms. Mutable
 * and reused as its ring wraps; guarded by {@link Timeline}'s lock.
 */
final class Bucket {

    long start = Long.MIN_VALUE; // epoch second (or minute) this bucket holds; another value means "empty"
    int requests;
    int errors;
    int cacheLookups;
    int cacheHits;
    int guardBlocks;
    long promptTokens;
    long completionTokens;
    double cost;
    double costSaved;
    final LatencyHistogram routing = new LatencyHistogram();
    final LatencyHistogram upstream = new LatencyHistogram();
    final LatencyHistogram ttft = new LatencyHistogram();

    /** Makes this bucket hold {@code slot}, emptying it first if it held an older one. */
    Bucket at(long slot) {
        if (start != slot) {
            start = slot;
            requests = errors = cacheLookups = cacheHits = guardBlocks = 0;
            promptTokens = completionTokens = 0;
            cost = costSaved = 0;
            routing.clear();
            upstream.clear();
            ttft.clear();
        }
        return this;
    }

    /** This bucket as a chart point; {@code slotSeconds} turns counts into rates. */
    void writeTo(ObjectNode point, int slotSeconds) {
        point.put("t", start * slotSeconds);
        point.put("requests", requests);
        point.put("rps", requests / (double) slotSeconds);
        point.put("errors", errors);
        point.put("error_rate", requests == 0 ? 0 : errors / (double) requests);
        point.put("cache_hit_rate", cacheLookups == 0 ? null : cacheHits / (double) cacheLookups);
        point.put("guard_blocks", guardBlocks);
        point.put("tokens", promptTokens + completionTokens);
        point.put("cost", cost);
        point.put("cost_saved", costSaved);
        point.put("routing_p50", routing.quantileMillis(0.5));
        point.put("routing_p99", routing.quantileMillis(0.99));
        point.put("upstream_p50", upstream.quantileMillis(0.5));
        point.put("upstream_p99", upstream.quantileMillis(0.99));
        point.put("ttft_p50", ttft.quantileMillis(0.5));
        point.put("ttft_p99", ttft.quantileMillis(0.99));
    }
}
