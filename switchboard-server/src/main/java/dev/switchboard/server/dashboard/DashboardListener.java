package dev.switchboard.server.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.cache.SemanticCacheStore;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.listener.RouterListener;
import dev.switchboard.core.listener.UpstreamAnswer;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.plugin.cache.CacheOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Feeds the dashboard from the router's events: per-second and per-minute aggregates ({@link Timeline}), totals
 * per model and decision ({@link Tallies}) and a bounded sample of finished requests for the live table
 * ({@link RowSampler}). Everything is aggregated here, on the request path, in constant time per event; the page
 * only ever receives one small summary a second, whatever the traffic.
 */
public final class DashboardListener implements RouterListener {

    static final int ROWS_PER_TICK = 20;

    final Timeline timeline = new Timeline();
    final Tallies tallies = new Tallies();
    final RowSampler rows = new RowSampler(ROWS_PER_TICK, 200);
    private final boolean showPrompts;
    private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    private volatile Map<String, List<ModelConfig>> decisionModels = Map.of();

    /** Per request, between its first and last event. */
    private static final class InFlight {
        final long startNanos = System.nanoTime();
        volatile long planningNanos = -1;
    }

    private final LongSupplier clock;
    private final long startSecond;

    /** @param showPrompts whether live rows carry the masked start of the user's text */
    public DashboardListener(boolean showPrompts) {
        this(showPrompts, () -> System.currentTimeMillis() / 1000);
    }

    /** @param epochSeconds the clock that puts events in their second (tests fix it) */
    DashboardListener(boolean showPrompts, LongSupplier epochSeconds) {
        this.showPrompts = showPrompts;
        this.clock = epochSeconds;
        this.startSecond = epochSeconds.getAsLong();
    }

    @Override
    public void configApplied(SwitchboardConfig config, SemanticCacheStore cacheStore) {
        decisionModels = config.decisions().stream().collect(Collectors.toUnmodifiableMap(d -> d.name(),
                d -> d.modelRefs().stream().flatMap(ref -> config.model(ref.model()).stream()).toList()));
    }

    @Override
    public void requestStarted(long requestId) {
        inFlight.put(requestId, new InFlight());
    }

    @Override
    public void requestPlanned(long requestId, RoutePlan plan, long planningNanos) {
        InFlight request = inFlight.get(requestId); // absent for classification calls: not routed requests
        if (request != null) {
            request.planningNanos = planningNanos;
            timeline.record(nowSecond(), b -> b.routing.record(planningNanos));
        }
    }

    @Override
    public void cacheLookedUp(long requestId, CacheOutcome outcome) {
        if (inFlight.containsKey(requestId)) {
            timeline.record(nowSecond(), b -> {
                b.cacheLookups++;
                b.cacheHits += outcome.isHit() ? 1 : 0;
            });
        }
    }

    @Override
    public void upstreamAttemptEnded(long requestId, RouteTarget target, String failure, long nanos) {
        if (failure != null && !failure.equals("cancelled")) { // the client leaving is not the model's failure
            tallies.fallback(target.model().name());
        }
    }

    @Override
    public void requestAnswered(long requestId, RoutePlan plan, UpstreamAnswer upstream) {
        finish(requestId, plan, upstream, null);
    }

    @Override
    public void requestFailed(long requestId, RoutePlan plan, String code, UpstreamAnswer upstream) {
        finish(requestId, plan, upstream, code);
    }

    private void finish(long requestId, RoutePlan plan, UpstreamAnswer upstream, String error) {
        InFlight request = inFlight.remove(requestId);
        if (request == null) {
            return;
        }
        long totalNanos = System.nanoTime() - request.startNanos;
        String decision = plan == null ? null : plan.decision();
        Costs costs = Costs.of(upstream, decision == null ? null : decisionModels.get(decision));
        boolean blocked = plan != null && plan.path() == ResponsePath.BLOCKED;
        timeline.record(nowSecond(), b -> count(b, upstream, costs, error != null, blocked));
        String model = upstream == null ? null : upstream.target().model().name();
        tallies.record(model, decision, t -> tally(t, plan, upstream, costs, error));
        rows.offer(() -> LiveRow.of(requestId, plan, upstream, error, totalNanos, request.planningNanos,
                showPrompts));
    }

    private static void count(Bucket b, UpstreamAnswer upstream, Costs costs, boolean failed, boolean blocked) {
        b.requests++;
        b.errors += failed ? 1 : 0;
        b.guardBlocks += blocked ? 1 : 0;
        b.cost += costs.actual();
        b.costSaved += costs.saved();
        if (upstream != null) {
            b.upstream.record(upstream.latencyNanos());
            if (upstream.firstChunkNanos() >= 0) {
                b.ttft.record(upstream.firstChunkNanos());
            }
            if (upstream.hasUsage()) {
                b.promptTokens += upstream.promptTokens();
                b.completionTokens += upstream.completionTokens();
            }
        }
    }

    private static void tally(Tallies.Tally t, RoutePlan plan, UpstreamAnswer upstream, Costs costs, String error) {
        t.requests++;
        t.errors += error == null ? 0 : 1;
        t.cost += costs.actual();
        t.costSaved += costs.saved();
        if (plan != null) {
            t.cacheHits += plan.path() == ResponsePath.CACHE ? 1 : 0;
            t.blocks += plan.path() == ResponsePath.BLOCKED ? 1 : 0;
        }
        if (upstream != null) {
            t.latencyNanos += upstream.latencyNanos();
            t.latencyCount++;
            t.tokens += upstream.hasUsage() ? upstream.promptTokens() + upstream.completionTokens() : 0;
        }
    }

    /** Writes the live aggregates: the last whole second, totals, and the rows sampled since the last call. */
    public void tickTo(ObjectNode out) {
        long now = nowSecond();
        out.put("now", now);
        timeline.secondsBefore(now, 1, out.putArray("seconds"));
        tallies.writeTo(out);
        rows.drainTo(out.putArray("rows"));
        out.put("in_flight", inFlight.size());
    }

    /** Writes history for a page that just opened: the last {@code seconds} seconds and {@code minutes} minutes. */
    void historyTo(ObjectNode out, int seconds, int minutes) {
        long now = nowSecond();
        out.put("now", now);
        // nothing before this router started: charts span its life until they fill
        int lived = (int) Math.min(Integer.MAX_VALUE, now - startSecond);
        timeline.secondsBefore(now, Math.max(1, Math.min(seconds, lived)), out.putArray("seconds"));
        timeline.minutesUpTo(now, Math.max(1, Math.min(minutes, lived / 60 + 1)), out.putArray("minutes"));
        tallies.writeTo(out);
        rows.historyTo(out.putArray("rows"));
    }

    private long nowSecond() {
        return clock.getAsLong();
    }
}
