package dev.switchboard.server;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.plugin.jailbreak.JailbreakScorer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A stand-in jailbreak head for tests that need to hold the planner's threads: it scores 0, holding every text
 * that contains "hold" until {@link #release} opens, and counts what it scores. With {@link InstantEncoder} in the
 * pipeline, planning runs on the planner's threads, so a held text occupies one of them.
 */
final class HeldScorer implements JailbreakScorer {

    volatile CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger entered = new AtomicInteger();
    final AtomicInteger scored = new AtomicInteger();

    @Override
    public double score(String text, Supplier<Encoding> shared) {
        if (text.contains("hold")) {
            entered.incrementAndGet();
            awaitQuietly(release);
        }
        scored.incrementAndGet();
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Encodes instantly; its presence is what puts planning on the planner's threads. */
    static final class InstantEncoder implements TextEncoder {
        @Override
        public Encoding encode(String text) {
            return new Encoding(new float[] {1, 0, 0, 0}, new float[0][], new int[0][], false);
        }

        @Override
        public String modelId() {
            return "instant";
        }

        @Override
        public int dimension() {
            return 4;
        }
    }
}
