package dev.switchboard.server.metrics;

import dev.switchboard.core.cache.SemanticCacheStore;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.listener.RouterListener;
import dev.switchboard.core.listener.UpstreamAnswer;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.plugin.cache.CacheOutcome;

/**
 * Turns the router's events into the Prometheus metrics of {@link RouterMetrics}. Planning metrics (routing and
 * signal latency, categories) count every planned request, classification API calls included; what a routed
 * request did (decision, guards, models, tokens, errors) is counted when it ends.
 */
public final class MetricsListener implements RouterListener {

    private final RouterMetrics metrics;

    public MetricsListener(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    /** Publishes the cache store's size and evictions (read when Prometheus scrapes). */
    @Override
    public void configApplied(SwitchboardConfig config, SemanticCacheStore cacheStore) {
        if (cacheStore != null) {
            metrics.watchCache(cacheStore);
        }
    }

    @Override
    public void requestPlanned(long requestId, RoutePlan plan, long planningNanos) {
        metrics.routingLatency(planningNanos);
        plan.signals().latencies().forEach(metrics::signalLatency);
        if (plan.category() != null) {
            metrics.categoryClassified(plan.category());
        }
        if (plan.tools() != null) {
            metrics.toolsSelected(plan.tools().toolsIn(), plan.tools().toolsOut(), plan.tools().estimatedTokensSaved());
        }
    }

    @Override
    public void cacheLookedUp(long requestId, CacheOutcome outcome) {
        metrics.cacheLookup(outcome.isHit(), outcome.lookupNanos());
    }

    @Override
    public void upstreamAttemptEnded(long requestId, RouteTarget target, String failure, long nanos) {
        if (failure == null) {
            metrics.modelRequest(target.model().name());
        } else if (!failure.equals("cancelled")) { // the client left: not the model's error
            metrics.requestError(target.model().name(), failure);
        }
    }

    @Override
    public void requestAnswered(long requestId, RoutePlan plan, UpstreamAnswer upstream) {
        routed(plan);
        answeredBy(upstream);
    }

    @Override
    public void requestFailed(long requestId, RoutePlan plan, String code, UpstreamAnswer upstream) {
        if (plan != null) {
            routed(plan);
        }
        metrics.requestError(upstream == null ? null : upstream.target().model().name(), code);
        answeredBy(upstream);
    }

    /** What routing did with a request that went out: its decision, and the guards that caught it. */
    @Override
    public void tenantAuthenticated(String tenant, String result) {
        metrics.authRequest(tenant, result);
    }

    @Override
    public void tenantRefused(String tenant, String reason) {
        metrics.authForbidden(tenant, reason);
    }

    @Override
    public void tenantCharged(String tenant, long tokens) {
        metrics.tenantTokens(tenant, tokens);
    }

    private void routed(RoutePlan plan) {
        if (plan.decision() != null) {
            metrics.decisionMatched(plan.decision());
        }
        boolean answeredByRouter = plan.path() == ResponsePath.FAST_RESPONSE || plan.path() == ResponsePath.CACHE;
        if (!answeredByRouter && plan.jailbreak() != null && plan.jailbreak().flagged()) {
            metrics.jailbreakDetected(plan.jailbreak().blocked() ? "block" : "flag");
        }
        if (plan.pii() != null && plan.pii().blocked()) {
            plan.pii().forbiddenFor(plan.targets().get(0).model()).forEach(metrics::piiViolation);
        }
    }

    private void answeredBy(UpstreamAnswer upstream) {
        if (upstream == null) {
            return;
        }
        String model = upstream.target().model().name();
        if (upstream.firstChunkNanos() >= 0) {
            metrics.timeToFirstToken(model, upstream.firstChunkNanos());
        }
        metrics.completionLatency(model, upstream.latencyNanos());
        if (upstream.hasUsage()) {
            metrics.usage(upstream.target().model(), upstream.promptTokens(), upstream.completionTokens());
        }
    }
}
