package dev.switchboard.core.pipeline;

import dev.switchboard.core.listener.CompositeListener;
import dev.switchboard.core.listener.RequestEvents;
import dev.switchboard.core.pipeline.stage.RequestContext;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.ChatRequest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the pipeline for a request. Rule-only pipelines plan inline (microseconds); pipelines that run the encoder
 * plan on a bounded pool, never on an event loop, and a full queue answers 503 instead of queueing without end.
 */
public final class Planner implements AutoCloseable {

    private final ThreadPoolExecutor mlPool;
    private final CompositeListener listener;

    /**
     * @param threads    ML threads: one per encoder session
     * @param queueLimit requests allowed to wait for a thread before new ones are refused
     * @param listener   hears how requests planned outside the proxy (classification API) were planned
     */
    public Planner(int threads, int queueLimit, CompositeListener listener) {
        AtomicInteger count = new AtomicInteger();
        this.mlPool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueLimit), r -> {
                    Thread t = new Thread(r, "switchboard-ml-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.listener = listener;
    }

    /** Plans a request the proxy serves; its listeners hear of it through the context's events. */
    public CompletableFuture<RoutePlan> plan(RouterPipeline pipeline, RequestContext request) {
        return run(pipeline, () -> pipeline.plan(request));
    }

    /** Plans a request that is not served (a classification): listeners hear how it was planned, nothing more. */
    public CompletableFuture<RoutePlan> plan(RouterPipeline pipeline, ChatRequest request, boolean useCache) {
        return plan(pipeline, RequestContext.of(request, useCache, RequestEvents.planningOnly(listener)));
    }

    /**
     * Runs other work on {@code pipeline} (a classification) where planning would run. Cancelling the returned
     * future takes work that has not started yet off the queue, so a client that went away frees its place.
     */
    public <T> CompletableFuture<T> run(RouterPipeline pipeline, Supplier<T> work) {
        if (!pipeline.blocks()) {
            return CompletableFuture.completedFuture(work.get());
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        FutureTask<Void> task = new FutureTask<>(() -> completeWith(result, work), null);
        try {
            mlPool.execute(task);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ApiException(503, "server_error", "overloaded", null,
                    "The router is at capacity classifying requests; retry shortly."));
        }
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                task.cancel(false); // a running encoder pass finishes; a queued one never starts
                mlPool.remove(task);
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

    /** Work queued or running on the ML pool; for tests and metrics. */
    public int pending() {
        return mlPool.getQueue().size() + mlPool.getActiveCount();
    }

    @Override
    public void close() {
        mlPool.shutdownNow();
    }
}
