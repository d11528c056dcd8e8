package dev.switchboard.bench;

import dev.switchboard.core.cache.CacheEntry;
import dev.switchboard.core.cache.InMemoryCacheStore;
import dev.switchboard.core.config.CacheSettings;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.plugin.cache.CacheOutcome;
import dev.switchboard.core.plugin.cache.CacheTicket;
import dev.switchboard.core.plugin.cache.ResponseCache;
import dev.switchboard.core.plugin.cache.verify.HitVerifier;
import dev.switchboard.core.plugin.cache.verify.QuestionView;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency of one semantic cache lookup with verification — exact probe, token sketch of the request, vector search
 * at the candidate similarity, the hit verifier's features and score — in a memory store of N entries (one
 * partition, the worst case), without the encoder pass (the request's encoding is given, as the pipeline gives it).
 * Vectors lie near a low-dimensional subspace, as sentence embeddings do; every query is near a stored entry, so each
 * lookup finds a candidate and runs the verifier.
 *
 * <pre>java -cp switchboard-cli/target/switchboard.jar:switchboard-bench/target/classes \
 *   dev.switchboard.bench.CacheLookupBench [entries] [--writer]</pre>
 *
 * <p>With {@code --writer} a second thread inserts about one entry per millisecond into the same full partition
 * (each insert evicts one) while the lookups run. Besides wall time it reports each lookup's CPU time (wall minus
 * CPU is time the thread was not running: preemption or waiting on a lock), heap allocated per lookup and the
 * collections during the measured round.
 */
public final class CacheLookupBench {

    private static final int DIMENSION = 384;
    private static final int TOKENS = 16;
    private static final int QUERIES = 5_000;
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final long WRITER_PAUSE_NANOS = 1_000_000;
    private static final CacheSettings.Policy POLICY = new CacheSettings.Policy(
            CacheSettings.Mode.EXACT_THEN_SEMANTIC, 0.80, Duration.ofHours(1));
    private static final String[] WORDS = ("how do i reset clear install update export convert chrome router cache "
            + "password kitchen recipe python list string laptop battery account invoice flight hotel visa").split(" ");

    private CacheLookupBench() {}

    public static void main(String[] args) throws InterruptedException {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        boolean writer = args.length > 1 && "--writer".equals(args[1]);
        Random random = new Random(entries);
        float[][] basis = gaussian(random, 32, DIMENSION);
        Encoding[] stored = new Encoding[entries];
        String[] texts = new String[entries];
        InMemoryCacheStore store = InMemoryCacheStore.builder(DIMENSION).maxEntries(entries)
                .maxBytes(Long.MAX_VALUE).build();
        for (int i = 0; i < entries; i++) {
            texts[i] = sentence(random);
            stored[i] = encoding(random, basis, texts[i]);
            store.put(entry(texts[i], stored[i]));
        }
        ResponseCache cache = new ResponseCache(store, Clock.fixed(NOW, ZoneOffset.UTC), HitVerifier.bundled(), false);
        Thread inserts = writer ? startWriter(store, basis) : null;
        Timings timings = new Timings();
        for (int round = 0; round < 2; round++) { // the first round warms up
            timings.reset();
            for (int q = 0; q < QUERIES; q++) {
                int target = random.nextInt(entries);
                timings.time(q, cache, ticket(texts[target]), nudge(random, stored[target]));
            }
        }
        if (inserts != null) {
            inserts.interrupt();
            inserts.join();
        }
        timings.print(entries, writer);
        store.close();
    }

    private static CacheEntry entry(String text, Encoding encoding) {
        QuestionView view = QuestionView.of(text, encoding);
        return new CacheEntry("tenant:t/d/m/fp", text, view.embedding(), new byte[512], NOW,
                NOW.plus(Duration.ofHours(1)), view.sketch());
    }

    private static CacheTicket ticket(String storedText) {
        return new CacheTicket("tenant:t/d/m/fp", storedText + " please", null, Duration.ofHours(1))
                .withMinSimilarity(0.80, null);
    }

    // A steady stream of inserts into the same (full) partition, each also evicting one entry: the load a busy
    // cache puts on the insert path while lookups run. Paced, so it does not just steal the lookup thread's core.
    private static Thread startWriter(InMemoryCacheStore store, float[][] basis) {
        Thread thread = new Thread(() -> {
            Random random = new Random(7);
            while (!Thread.currentThread().isInterrupted()) {
                String text = sentence(random) + " " + random.nextInt();
                store.put(entry(text, encoding(random, basis, text)));
                LockSupport.parkNanos(WRITER_PAUSE_NANOS);
            }
        }, "cache-writer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Wall time, CPU time and heap allocated per lookup, and the collections during the measured round. */
    private static final class Timings {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final long[] wall = new long[QUERIES];
        private final long[] cpu = new long[QUERIES];
        private long allocated;
        private long gcCount;
        private long gcMillis;
        private int hits;

        void reset() {
            allocated = 0;
            hits = 0;
            gcCount = -collections();
            gcMillis = -collectionMillis();
        }

        void time(int q, ResponseCache cache, CacheTicket ticket, Encoding query) {
            long bytes = THREADS.getCurrentThreadAllocatedBytes();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            CacheOutcome outcome = cache.lookup(ticket, POLICY, () -> query);
            wall[q] = System.nanoTime() - start;
            cpu[q] = THREADS.getCurrentThreadCpuTime() - cpuStart;
            allocated += THREADS.getCurrentThreadAllocatedBytes() - bytes;
            hits += outcome.isHit() ? 1 : 0;
        }

        void print(int entries, boolean writer) {
            gcCount += collections();
            gcMillis += collectionMillis();
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf("entries=%d writer=%s queries=%d verified hits=%d lookup with verification: "
                    + "wall p50=%.3f ms p99=%.3f ms max=%.3f ms; cpu p50=%.3f ms p99=%.3f ms; "
                    + "allocated %d bytes/lookup; gc %d collections %d ms (java %s, %d cores)%n",
                    entries, writer, QUERIES, hits, ms(wall, 0.5), ms(wall, 0.99), wall[QUERIES - 1] / 1e6,
                    ms(cpu, 0.5), ms(cpu, 0.99), allocated / QUERIES, gcCount, gcMillis, Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
        }

        private static double ms(long[] sorted, double quantile) {
            return sorted[(int) (QUERIES * quantile)] / 1e6;
        }

        private static long collections() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        }

        private static long collectionMillis() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        }
    }

    private static String sentence(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < 8 + random.nextInt(6); w++) {
            sb.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    /** Embedding and token states near the subspace; offsets cover the words of {@code text}. */
    private static Encoding encoding(Random random, float[][] basis, String text) {
        float[][] states = new float[TOKENS][];
        int[][] offsets = new int[TOKENS][];
        String[] words = text.split(" ");
        int at = 0;
        for (int t = 0; t < TOKENS; t++) {
            states[t] = near(random, basis);
            int w = Math.min(t, words.length - 1);
            offsets[t] = t < words.length ? new int[] {at, at + words[w].length()} : new int[] {0, 0};
            at += t < words.length ? words[w].length() + 1 : 0;
        }
        return new Encoding(normalize(near(random, basis)), states, offsets, false);
    }

    private static Encoding nudge(Random random, Encoding encoding) {
        float[] v = encoding.embedding().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) (random.nextGaussian() * 0.01);
        }
        return new Encoding(normalize(v), encoding.tokenStates(), encoding.offsets(), false);
    }

    private static float[] near(Random random, float[][] basis) {
        float[] v = new float[DIMENSION];
        for (float[] direction : basis) {
            double weight = random.nextGaussian();
            for (int i = 0; i < DIMENSION; i++) {
                v[i] += (float) (weight * direction[i]);
            }
        }
        return v;
    }

    private static float[][] gaussian(Random random, int rows, int columns) {
        float[][] m = new float[rows][columns];
        for (float[] row : m) {
            for (int i = 0; i < columns; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return m;
    }

    private static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }
}
