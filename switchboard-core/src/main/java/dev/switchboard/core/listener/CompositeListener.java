package dev.switchboard.core.listener;

import dev.switchboard.core.cache.SemanticCacheStore;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.guard.GuardVerdict;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.plugin.cache.CacheOutcome;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every event to each of its listeners in turn. What a listener throws is caught, so it neither fails the
 * request nor keeps the other listeners from hearing the event; the first failure of each listener is logged with
 * its stack trace, later ones are not (a broken listener would otherwise flood the log on every request).
 */
public final class CompositeListener implements RouterListener {

    private static final Logger log = LoggerFactory.getLogger(CompositeListener.class);

    private final List<Guarded> listeners;

    private CompositeListener(List<RouterListener> listeners) {
        this.listeners = listeners.stream().map(Guarded::new).toList();
    }

    /** Listens with each of {@code listeners}, in order. */
    public static CompositeListener of(List<RouterListener> listeners) {
        return new CompositeListener(List.copyOf(listeners));
    }

    public static CompositeListener of(RouterListener... listeners) {
        return of(List.of(listeners));
    }

    @Override
    public void configApplied(SwitchboardConfig config, SemanticCacheStore cacheStore) {
        each(l -> l.configApplied(config, cacheStore));
    }

    @Override
    public void requestStarted(long requestId) {
        each(l -> l.requestStarted(requestId));
    }

    @Override
    public void requestPlanned(long requestId, RoutePlan plan, long planningNanos) {
        each(l -> l.requestPlanned(requestId, plan, planningNanos));
    }

    @Override
    public void cacheLookedUp(long requestId, CacheOutcome outcome) {
        each(l -> l.cacheLookedUp(requestId, outcome));
    }

    @Override
    public void guardJudged(long requestId, GuardVerdict verdict) {
        each(l -> l.guardJudged(requestId, verdict));
    }

    @Override
    public void upstreamAttemptStarted(long requestId, RouteTarget target) {
        each(l -> l.upstreamAttemptStarted(requestId, target));
    }

    @Override
    public void upstreamAttemptEnded(long requestId, RouteTarget target, String failure, long nanos) {
        each(l -> l.upstreamAttemptEnded(requestId, target, failure, nanos));
    }

    @Override
    public void requestAnswered(long requestId, RoutePlan plan, UpstreamAnswer upstream) {
        each(l -> l.requestAnswered(requestId, plan, upstream));
    }

    @Override
    public void requestFailed(long requestId, RoutePlan plan, String code, UpstreamAnswer upstream) {
        each(l -> l.requestFailed(requestId, plan, code, upstream));
    }

    @Override
    public void tenantAuthenticated(String tenant, String result) {
        each(l -> l.tenantAuthenticated(tenant, result));
    }

    @Override
    public void tenantRefused(String tenant, String reason) {
        each(l -> l.tenantRefused(tenant, reason));
    }

    @Override
    public void tenantCharged(String tenant, long tokens) {
        each(l -> l.tenantCharged(tenant, tokens));
    }

    private void each(Consumer<RouterListener> event) {
        for (Guarded guarded : listeners) {
            guarded.tell(event);
        }
    }

    /** One listener and whether its failure was already logged. */
    private static final class Guarded {
        private final RouterListener listener;
        private final AtomicBoolean logged = new AtomicBoolean();

        Guarded(RouterListener listener) {
            this.listener = listener;
        }

        void tell(Consumer<RouterListener> event) {
            try {
                event.accept(listener);
            } catch (RuntimeException | LinkageError e) {
                if (logged.compareAndSet(false, true)) {
                    log.warn("Router listener {} failed; its failures are ignored from now on (logged once)",
                            listener.getClass().getName(), e);
                }
            }
        }
    }
}
