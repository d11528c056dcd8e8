package dev.switchboard.core.cache;

import static dev.switchboard.core.cache.SemanticCacheStoreContract.T0;
import static dev.switchboard.core.cache.SemanticCacheStoreContract.TTL;
import static dev.switchboard.core.cache.InMemoryCacheStoreTest.randomUnit;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lookups do not wait for the expensive part of an insert: a writer is parked inside it (linking a node into the
 * graph, or building a partition's first graph) while another thread looks entries up. The assertions count lookups
 * that completed while the writer was still parked; the timeouts only keep a regression from hanging the build.
 */
class InMemoryCacheStoreConcurrencyTest {

    private static final int DIMENSION = 16;
    private static final int LOOKUPS = 200;

    private final CountDownLatch writerInside = new CountDownLatch(1);
    private final CountDownLatch releaseWriter = new CountDownLatch(1);
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        releaseWriter.countDown();
        threads.shutdownNow();
    }

    @Test
    void lookupsProceedWhileAWriterLinksANodeIntoTheGraph() throws Exception {
        checkLookupsProceed(8, 40); // partition far above the threshold: the insert links into the graph
    }

    @Test
    void lookupsProceedWhileAWriterBuildsThePartitionsFirstGraph() throws Exception {
        checkLookupsProceed(41, 40); // the 41st entry crosses the threshold: the insert builds the graph
    }

    private void checkLookupsProceed(int graphThreshold, int stored) throws Exception {
        Random random = new Random(3);
        float[][] vectors = new float[stored][];
        try (InMemoryCacheStore store = InMemoryCacheStore.builder(DIMENSION).graphThreshold(graphThreshold)
                .beforeGraphWork(this::parkWriterOnItsNewEntry).build()) {
            for (int i = 0; i < stored; i++) {
                vectors[i] = randomUnit(random, DIMENSION);
                store.put(new CacheEntry("p", "q" + i, vectors[i], new byte[0], T0, T0.plus(TTL)));
            }
            float[] newVector = randomUnit(random, DIMENSION);
            Future<?> writer = threads.submit(() -> store.put(
                    new CacheEntry("p", "new", newVector, new byte[0], T0, T0.plus(TTL))));
            assertThat(writerInside.await(30, TimeUnit.SECONDS)).as("writer reached the graph work").isTrue();

            AtomicInteger completed = new AtomicInteger();
            AtomicInteger correct = new AtomicInteger();
            Future<?> reader = threads.submit(() -> lookUp(store, vectors, completed, correct));
            try {
                reader.get(10, TimeUnit.SECONDS); // a lookup that waits for the parked writer never gets here
            } finally {
                // Unparked before the store closes (close() waits for the writer), pass or fail.
                assertThat(writer.isDone()).as("writer still parked inside the insert").isFalse();
                releaseWriter.countDown();
            }

            assertThat(completed.get()).isEqualTo(LOOKUPS);
            assertThat(correct.get()).isEqualTo(LOOKUPS);
            writer.get(30, TimeUnit.SECONDS);
            assertThat(store.findSimilar("p", newVector, 0.999, T0))
                    .hasValueSatisfying(hit -> assertThat(hit.entry().promptText()).isEqualTo("new"));
        }
    }

    private static void lookUp(InMemoryCacheStore store, float[][] vectors, AtomicInteger completed,
            AtomicInteger correct) {
        for (int i = 0; i < LOOKUPS; i++) {
            int target = i % vectors.length;
            boolean exact = store.findExact("p", "q" + target, T0).isPresent();
            boolean similar = store.findSimilar("p", vectors[target], 0.999, T0)
                    .filter(hit -> hit.entry().promptText().equals("q" + target)).isPresent();
            correct.addAndGet(exact && similar ? 1 : 0);
            completed.incrementAndGet();
        }
    }

    private void parkWriterOnItsNewEntry(Slot slot) {
        if (!slot.entry.promptText().equals("new")) {
            return; // the fill's own inserts pass straight through
        }
        writerInside.countDown();
        try {
            releaseWriter.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
