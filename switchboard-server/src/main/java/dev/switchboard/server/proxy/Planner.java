package dev.switchboard.server.proxy;

import dev.switchboard.core.pipeline.RoutePlan;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.server.metrics.RouterMetrics;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the pipeline for a request. Rule-only pipelines plan inline (microseconds); pipelines that run the encoder
 * plan on a bounded pool, never on an event loop, and a full queue answers 503 instead of queueing without end.
 */
public final class Planner implements AutoCloseable {

    private final ThreadPoolExecutor mlPool;
    private final RouterMetrics metrics;

    /**
     * @param threads    ML threads: one per encoder session
     * @param queueLimit requests allowed to wait for a thread before new ones are refused
     */
    public Planner(int threads, int queueLimit, RouterMetrics metrics) {
        AtomicInteger count = new AtomicInteger();
        this.mlPool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueLimit), r -> {
                    Thread t = new Thread(r, "switchboard-ml-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.metrics = metrics;
    }

    public CompletableFuture<RoutePlan> plan(RouterPipeline pipeline, ChatRequest request, boolean useCache) {
        return run(pipeline, () -> timed(pipeline, request, useCache));
    }

    /**
     * Runs other work on {@code pipeline} (a classification) where planning would run. Cancelling the returned
     * future takes work that has not started yet off the queue, so a client that went away frees its place.
     */
    public <T> CompletableFuture<T> run(RouterPipeline pipeline, java.util.function.Supplier<T> work) {
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

    private static <T> void completeWith(CompletableFuture<T> result, java.util.function.Supplier<T> work) {
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

    private RoutePlan timed(RouterPipeline pipeline, ChatRequest request, boolean useCache) {
        long start = System.nanoTime();
        RoutePlan plan = pipeline.plan(request, useCache);
        metrics.routingLatency(System.nanoTime() - start);
        plan.signals().latencies().forEach(metrics::signalLatency);
        if (plan.category() != null) {
            metrics.categoryClassified(plan.category());
        }
        if (plan.tools() != null) {
            metrics.toolsSelected(plan.tools().toolsIn(), plan.tools().toolsOut(), plan.tools().estimatedTokensSaved());
        }
        if (plan.cache() != null) {
            metrics.cacheLookup(plan.cache().isHit(), plan.cache().lookupNanos());
        }
        return plan;
    }

    @Override
    public void close() {
        mlPool.shutdownNow();
    }
}
