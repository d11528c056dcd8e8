package dev.switchboard.core.pipeline;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ML threads, shared fairly between lanes (a lane is a tenant, or every anonymous caller together). Work
 * waits in its lane's own queue; whenever a thread frees, the lanes with waiting work take turns (round robin),
 * so one lane's backlog never stands in front of another lane's request. A lane runs at most {@code perLane}
 * tasks at once, so with more threads than that a heavy tenant cannot hold every thread and others always find
 * one free; and a lane holds at most {@code queuePerLane} waiting tasks, so a flood is refused before it queues.
 *
 * <p>The unbounded lane (anonymous callers: with authentication off there is nobody to be fair between) may use
 * every thread and waits in a queue of {@code sharedQueue}.
 */
final class FairExecutor implements AutoCloseable {

    /** Why {@link #submit} refused a task. */
    enum Refusal { NONE, LANE_FULL }

    private final ExecutorService threads;
    private final int perLane;
    private final int queuePerLane;
    private final int sharedQueue;
    private final Map<String, Lane> lanes = new HashMap<>();
    /** Lanes with waiting work, in turn order. */
    private final ArrayDeque<Lane> turns = new ArrayDeque<>();
    private int idle;
    private int running;

    /**
     * @param threadCount  ML threads
     * @param perLane      tasks one bounded lane may run at once (at most {@code threadCount})
     * @param queuePerLane tasks one bounded lane may have waiting
     * @param sharedQueue  tasks the unbounded lane may have waiting
     */
    FairExecutor(int threadCount, int perLane, int queuePerLane, int sharedQueue) {
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "switchboard-ml-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.idle = threadCount;
        this.perLane = Math.min(perLane, threadCount);
        this.queuePerLane = queuePerLane;
        this.sharedQueue = sharedQueue;
    }

    /**
     * Queues {@code task} in lane {@code lane} ({@code bounded}: a tenant, held to the per-lane limits) and runs
     * what may run now.
     */
    synchronized Refusal submit(String lane, boolean bounded, Runnable task) {
        Lane l = lanes.computeIfAbsent(lane, name -> new Lane(name, bounded ? perLane : Integer.MAX_VALUE,
                bounded ? queuePerLane : sharedQueue));
        if (l.waiting.size() >= l.maxWaiting) {
            return Refusal.LANE_FULL;
        }
        l.waiting.add(task);
        if (l.waiting.size() == 1) {
            turns.add(l);
        }
        dispatch();
        return Refusal.NONE;
    }

    /** Takes {@code task} off its lane's queue if it has not started; true when it was removed. */
    synchronized boolean remove(String lane, Runnable task) {
        Lane l = lanes.get(lane);
        if (l == null || !l.waiting.remove(task)) {
            return false;
        }
        if (l.waiting.isEmpty()) {
            turns.remove(l);
        }
        forgetIfIdle(l);
        return true;
    }

    /** Tasks waiting or running, all lanes together. */
    synchronized int pending() {
        return running + lanes.values().stream().mapToInt(l -> l.waiting.size()).sum();
    }

    /** Starts waiting tasks while threads are free, one per lane in turn, skipping lanes at their limit. */
    private void dispatch() {
        int skipped = 0;
        while (idle > 0 && skipped < turns.size()) {
            Lane lane = turns.poll();
            if (lane.running >= lane.maxRunning) {
                turns.add(lane); // its turn comes again once one of its tasks ends
                skipped++;
                continue;
            }
            Runnable task = lane.waiting.poll();
            if (!lane.waiting.isEmpty()) {
                turns.add(lane);
            }
            lane.running++;
            running++;
            idle--;
            skipped = 0;
            threads.execute(() -> runThenRelease(lane, task));
        }
    }

    private void runThenRelease(Lane lane, Runnable task) {
        try {
            task.run();
        } finally {
            release(lane);
        }
    }

    private synchronized void release(Lane lane) {
        lane.running--;
        running--;
        idle++;
        forgetIfIdle(lane);
        dispatch();
    }

    /** Drops a lane with nothing waiting or running, so lanes cost memory only while in use. */
    private void forgetIfIdle(Lane lane) {
        if (lane.running == 0 && lane.waiting.isEmpty()) {
            lanes.remove(lane.name, lane);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    /** One lane's waiting work and how much of it runs. */
    private static final class Lane {
        final String name;
        final int maxRunning;
        final int maxWaiting;
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        int running;

        Lane(String name, int maxRunning, int maxWaiting) {
            this.name = name;
            this.maxRunning = maxRunning;
            this.maxWaiting = maxWaiting;
        }
    }
}
