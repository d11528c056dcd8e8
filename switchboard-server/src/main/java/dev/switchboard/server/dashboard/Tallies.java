package dev.switchboard.server.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Running totals per model and per decision since start: traffic, errors, fallbacks, latency, tokens and cost.
 * Bounded by the config (one entry per configured model and decision). Thread-safe by its own lock.
 */
final class Tallies {

    /** One row of totals. */
    static final class Tally {
        long requests;
        long errors;
        long fallbacks;
        long cacheHits;
        long blocks;
        long tokens;
        double cost;
        double costSaved;
        long latencyNanos; // summed over answered requests, for the mean
        long latencyCount;

        private void writeTo(ObjectNode row) {
            row.put("requests", requests).put("errors", errors).put("fallbacks", fallbacks)
                    .put("cache_hits", cacheHits).put("blocks", blocks).put("tokens", tokens)
                    .put("cost", cost).put("cost_saved", costSaved)
                    .put("mean_latency_ms", latencyCount == 0 ? null : latencyNanos / 1e6 / latencyCount);
        }
    }

    private final Map<String, Tally> models = new TreeMap<>();
    private final Map<String, Tally> decisions = new TreeMap<>();

    /** Updates the tallies of {@code model} and {@code decision} (either may be null) in one step. */
    synchronized void record(String model, String decision, java.util.function.Consumer<Tally> update) {
        if (model != null) {
            update.accept(models.computeIfAbsent(model, m -> new Tally()));
        }
        if (decision != null) {
            update.accept(decisions.computeIfAbsent(decision, d -> new Tally()));
        }
    }

    /** A fallback: {@code model} failed and the next candidate was tried. */
    synchronized void fallback(String model) {
        models.computeIfAbsent(model, m -> new Tally()).fallbacks++;
    }

    synchronized void writeTo(ObjectNode out) {
        write(models, "model", out.putArray("models"));
        write(decisions, "decision", out.putArray("decisions"));
    }

    private static void write(Map<String, Tally> tallies, String key, ArrayNode out) {
        tallies.forEach((name, tally) -> tally.writeTo(out.addObject().put(key, name)));
    }
}
