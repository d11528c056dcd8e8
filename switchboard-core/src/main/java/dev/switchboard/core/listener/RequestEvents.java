package dev.switchboard.core.listener;

import dev.switchboard.core.guard.GuardVerdict;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.plugin.cache.CacheOutcome;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request's events, told to the router's listeners under the request's id. Keeps the pairing promise of
 * {@link RouterListener}: once the request was answered or failed, a later end event (a failure while sending an
 * answer already reported) is dropped. Listeners come wrapped in a {@link CompositeListener}, so none can throw here.
 */
public final class RequestEvents {

    private static final AtomicLong IDS = new AtomicLong();
    private static final RequestEvents NONE = new RequestEvents(CompositeListener.of(), -1);

    private final CompositeListener listener;
    private final long id;
    private final AtomicBoolean ended = new AtomicBoolean();

    private RequestEvents(CompositeListener listener, long id) {
        this.listener = listener;
        this.id = id;
    }

    /** A new request: gives it an id and tells the listeners it started. */
    public static RequestEvents start(CompositeListener listener) {
        RequestEvents events = new RequestEvents(listener, IDS.incrementAndGet());
        listener.requestStarted(events.id);
        return events;
    }

    /**
     * A request planned but not served (the classification API): the listeners hear how it was planned, under an
     * id of its own, but no start and no end.
     */
    public static RequestEvents planningOnly(CompositeListener listener) {
        RequestEvents events = new RequestEvents(listener, IDS.incrementAndGet());
        events.ended.set(true);
        return events;
    }

    /** Nobody listens (tools and tests that plan without serving). */
    public static RequestEvents none() {
        return NONE;
    }

    public long id() {
        return id;
    }

    public void planned(RoutePlan plan, long planningNanos) {
        listener.requestPlanned(id, plan, planningNanos);
    }

    public void cacheLookedUp(CacheOutcome outcome) {
        listener.cacheLookedUp(id, outcome);
    }

    public void guardJudged(GuardVerdict verdict) {
        listener.guardJudged(id, verdict);
    }

    public void attemptStarted(RouteTarget target) {
        listener.upstreamAttemptStarted(id, target);
    }

    public void attemptEnded(RouteTarget target, String failure, long nanos) {
        listener.upstreamAttemptEnded(id, target, failure, nanos);
    }

    /** The request was answered; see {@link RouterListener#requestAnswered}. Only the first end event counts. */
    public void answered(RoutePlan plan, UpstreamAnswer upstream) {
        if (ended.compareAndSet(false, true)) {
            listener.requestAnswered(id, plan, upstream);
        }
    }

    /** The request failed; see {@link RouterListener#requestFailed}. Only the first end event counts. */
    public void failed(RoutePlan plan, String code, UpstreamAnswer upstream) {
        if (ended.compareAndSet(false, true)) {
            listener.requestFailed(id, plan, code, upstream);
        }
    }
}
