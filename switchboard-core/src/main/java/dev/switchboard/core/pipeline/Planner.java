package dev.switchboard.core.pipeline;

import dev.switchboard.core.listener.CompositeListener;
import dev.switchboard.core.listener.RequestEvents;
import dev.switchboard.core.pipeline.stage.RequestContext;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.ChatRequest;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs the pipeline for a request. Rule-only pipelines plan inline (microseconds); pipelines that run the encoder
 * plan on the ML threads, never on an event loop. The threads are shared fairly between tenants
 * ({@link FairExecutor}): each tenant waits in its own queue, tenants take turns, one tenant runs on at most
 * {@code encoder.tenant_sessions} threads at once and has at most {@code encoder.tenant_queue} requests waiting
 * (more get 429), so one abusive tenant cannot starve the others. Anonymous callers share one lane.
 */
public final class Planner implements AutoCloseable {

    private final FairExecutor ml;
    private final CompositeListener listener;

    /**
     * @param threads     ML threads: one per encoder session
     * @param perTenant   threads one tenant may hold at once
     * @param tenantQueue requests one tenant may have waiting for a thread before its next ones get 429
     * @param sharedQueue requests anonymous callers may have waiting before the next ones get 503
     * @param listener    hears how requests planned outside the proxy (classification API) were planned
     */
    public Planner(int threads, int perTenant, int tenantQueue, int sharedQueue, CompositeListener listener) {
        this.ml = new FairExecutor(threads, perTenant, tenantQueue, sharedQueue);
        this.listener = listener;
    }

    /** Plans a request the proxy serves, in its tenant's lane; listeners hear of it through the context's events. */
    public CompletableFuture<RoutePlan> plan(RouterPipeline pipeline, RequestContext request) {
        return run(pipeline, request.tenant(), () -> pipeline.plan(request));
    }

    /**
     * Builds a request the proxy serves (parsing its body) and plans it, both in {@code tenant}'s lane (null: the
     * anonymous lane), so that parsing a huge body is the tenant's ML share, not an event loop's time.
     */
    public CompletableFuture<RoutePlan> plan(RouterPipeline pipeline, String tenant, Supplier<RequestContext> request) {
        return run(pipeline, tenant, () -> pipeline.plan(request.get()));
    }

    /**
     * Plans a request that is not served (a classification) in {@code tenant}'s lane: listeners hear how it was
     * planned, nothing more.
     *
     * @param tenant the caller's tenant name, or null for an anonymous caller
     */
    public CompletableFuture<RoutePlan> plan(RouterPipeline pipeline, ChatRequest request, boolean useCache,
                                             String tenant) {
        RequestContext context = RequestContext.of(request, useCache, RequestEvents.planningOnly(listener));
        return plan(pipeline, tenant == null ? context : context.tenant(tenant));
    }

    /**
     * Runs other work on {@code pipeline} (a classification) where planning would run, in {@code tenant}'s lane
     * (null: the anonymous lane). Cancelling the returned future takes work that has not started yet off the
     * queue, so a client that went away frees its place.
     */
    public <T> CompletableFuture<T> run(RouterPipeline pipeline, String tenant, Supplier<T> work) {
        if (!pipeline.blocks()) {
            return CompletableFuture.completedFuture(work.get());
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        String lane = tenant == null ? "" : tenant;
        Runnable task = () -> completeWith(result, work);
        if (ml.submit(lane, tenant != null, task) != FairExecutor.Refusal.NONE) {
            return CompletableFuture.failedFuture(tenant == null
                    ? new ApiException(503, "server_error", "overloaded", null,
                            "The router is at capacity classifying requests; retry shortly.")
                    : new ApiException(429, "requests", "rate_limit_exceeded", null, "Too many requests of `"
                            + tenant + "` are waiting for the classifier (encoder.tenant_queue); retry shortly."));
        }
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                ml.remove(lane, task); // a running encoder pass finishes; a queued one never starts
            }
        });
        return result;
    }

    private static <T> void completeWith(CompletableFuture<T> result, Supplier<T> work) {
        if (result.isDone()) {
            return;
        }
        try {
            result.complete(work.get());
        } catch (Throwable t) {
            result.completeExceptionally(t);
        }
    }

    /** Work queued or running on the ML threads; for tests and metrics. */
    public int pending() {
        return ml.pending();
    }

    @Override
    public void close() {
        ml.close();
    }
}
