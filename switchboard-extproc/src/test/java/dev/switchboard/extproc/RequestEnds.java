package dev.switchboard.extproc;

import dev.switchboard.core.listener.RouterListener;
import dev.switchboard.core.listener.UpstreamAnswer;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;

/** Hears how each request ended, for tests that check the listeners (metrics) are told, and told once. */
final class RequestEnds implements RouterListener {

    /** One request's end: {@code answered} or the failure code, with the completion tokens read (-1: none). */
    record End(String outcome, long completionTokens) {}

    private final LinkedBlockingQueue<End> ends = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> attempts = new LinkedBlockingQueue<>();
    private final ConcurrentHashMap<String, AtomicLong> tenantEvents = new ConcurrentHashMap<>();

    @Override
    public void tenantAuthenticated(String tenant, String result) {
        count(tenant + ":" + result);
    }

    @Override
    public void tenantCharged(String tenant, long tokens) {
        count(tenant + ":charged");
    }

    private void count(String event) {
        tenantEvents.computeIfAbsent(event, e -> new AtomicLong()).incrementAndGet();
    }

    /** How often a tenant event was heard, as {@code tenant:result} ({@code -:invalid_key}, {@code app:charged}). */
    long tenantEvents(String event) {
        AtomicLong count = tenantEvents.get(event);
        return count == null ? 0 : count.get();
    }

    /** Upstream attempts as the metrics count them: {@code model:ok} or {@code model:<failure>}. */
    @Override
    public void upstreamAttemptEnded(long requestId, RouteTarget target, String failure, long nanos) {
        attempts.add(target.model().name() + ":" + (failure == null ? "ok" : failure));
    }

    String nextAttempt() throws InterruptedException {
        return attempts.poll(10, TimeUnit.SECONDS);
    }

    @Override
    public void requestAnswered(long requestId, RoutePlan plan, UpstreamAnswer upstream) {
        ends.add(new End("answered", upstream == null ? -1 : upstream.completionTokens()));
    }

    @Override
    public void requestFailed(long requestId, RoutePlan plan, String code, UpstreamAnswer upstream) {
        ends.add(new End(code, upstream == null ? -1 : upstream.completionTokens()));
    }

    /** The next request end, waiting for it (listeners may hear after the answer went out). */
    End next() throws InterruptedException {
        End end = ends.poll(10, TimeUnit.SECONDS);
        if (end == null) {
            throw new AssertionError("no request ended");
        }
        return end;
    }

    /** Forgets ends heard so far. */
    void clear() {
        ends.clear();
        attempts.clear();
    }

    boolean isEmpty() {
        return ends.isEmpty();
    }
}
