package dev.switchboard.core.adapter;

import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Stores answers in the cache on its own thread: a store may do I/O (PostgreSQL) and must not hold up the event
 * loop or the response. When the queue is full the answer is simply not cached.
 */
public final class CacheWriter implements AutoCloseable {

    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), r -> {
                Thread t = new Thread(r, "switchboard-cache-writer");
                t.setDaemon(true);
                return t;
            });

    /** True when {@code plan} wants its answer stored and {@code answered} is the model it was planned for. */
    public static boolean wants(RoutePlan plan, RouteTarget answered) {
        return plan.cache() != null && !plan.cache().isHit() && plan.targets().get(0).equals(answered);
    }

    /** Queues a complete, successful completion for storing under the plan's ticket. */
    public void store(RouterPipeline pipeline, RoutePlan plan, byte[] completion) {
        try {
            thread.execute(() -> pipeline.cache().ifPresent(c -> c.store(plan.cache().ticket(), completion)));
        } catch (RejectedExecutionException e) {
            // the writer is behind; skipping one entry is better than delaying responses
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
