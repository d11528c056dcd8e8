package dev.switchboard.core.cache;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

/**
 * Rough latency, throughput and memory figures for {@link InMemoryCacheStore}; not a unit test.
 *
 * <p>Run (numbers go into docs/adr/0004-semantic-cache-stores.md):
 * <pre>
 * ./mvnw -q -pl switchboard-core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx6g -cp switchboard-core/target/classes:switchboard-core/target/test-classes:$(cat switchboard-core/target/cp.txt) \
 *     dev.switchboard.core.cache.CacheStoreBench [dimension] [sizes...]
 * </pre>
 * Arguments: {@code dimension} (default 384), then entry counts (default 10000 100000); the partition
 * threshold sweep runs first unless {@code -DskipSweep=true}. On JDK 20+ add
 * {@code --add-modules jdk.incubator.vector} to let jvector use SIMD.
 */
public final class CacheStoreBench {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final byte[] RESPONSE = new byte[1_024];
    private static final int QUERIES = 5_000;
    private static final int LATENT = 32;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Graph search beam width; {@code -Dbeam=N} to try others. */
    private static final int BEAM = Integer.getInteger("beam", 50);

    private CacheStoreBench() {}

    public static void main(String[] args) {
        int dimension = args.length > 0 ? Integer.parseInt(args[0]) : 384;
        int[] sizes = args.length > 1
                ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray()
                : new int[] {10_000, 100_000};
        System.out.printf("java %s, %d cores, dimension %d, search beam %d, data %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), dimension, BEAM, System.getProperty("data", "subspace"));
        if (!Boolean.getBoolean("skipSweep")) {
            thresholdSweep(dimension);
        }
        for (int size : sizes) {
            benchSize(dimension, size);
        }
    }

    /** Brute force against graph search for one partition of growing size, to place the threshold. */
    private static void thresholdSweep(int dimension) {
        for (int size : new int[] {500, 1_000, 2_000, 4_000, 8_000}) {
            for (boolean graph : new boolean[] {false, true}) {
                Random random = new Random(size);
                float[][] vectors = vectors(random, size, dimension);
                try (InMemoryCacheStore store = newStore(dimension, size, graph ? 1 : Integer.MAX_VALUE)) {
                    fill(store, vectors);
                    long[] latencies = lookups(store, vectors, random);
                    System.out.printf("sweep partition=%d %s wall p50=%.1fus p99=%.1fus cpu p50=%.1fus p99=%.1fus%n",
                            size, graph ? "graph" : "brute", micros(latencies, 0, 0.50), micros(latencies, 0, 0.99),
                            micros(latencies, 1, 0.50), micros(latencies, 1, 0.99));
                }
            }
        }
    }

    private static void benchSize(int dimension, int size) {
        Random random = new Random(size);
        float[][] vectors = vectors(random, size, dimension);
        long before = usedHeap();
        try (InMemoryCacheStore store = newStore(dimension, size, 1_024)) {
            long start = System.nanoTime();
            fill(store, vectors);
            double seconds = (System.nanoTime() - start) / 1e9;
            long heapPerEntry = (usedHeap() - before) / size;
            long[] latencies = lookups(store, vectors, random);
            System.out.printf("entries=%d insert=%.0f/s lookup wall p50=%.1fus p99=%.1fus cpu p50=%.1fus"
                    + " p99=%.1fus recall=%.3f store overhead/entry=%dB (measured heap, excluding the"
                    + " caller-owned %dB response and %dB vector) charged/entry=%dB%n",
                    size, size / seconds, micros(latencies, 0, 0.50), micros(latencies, 0, 0.99),
                    micros(latencies, 1, 0.50), micros(latencies, 1, 0.99), recall(store, vectors, random),
                    heapPerEntry, RESPONSE.length, 4 * dimension, store.estimatedBytes() / size);
        }
    }

    private static InMemoryCacheStore newStore(int dimension, int size, int graphThreshold) {
        return InMemoryCacheStore.builder(dimension).maxEntries(size).maxBytes(Long.MAX_VALUE)
                .graphThreshold(graphThreshold).graph(16, 100, BEAM).build();
    }

    private static void fill(InMemoryCacheStore store, float[][] vectors) {
        for (int i = 0; i < vectors.length; i++) {
            store.put(new CacheEntry("decision/model/fp", "prompt " + i, vectors[i], RESPONSE, NOW,
                    NOW.plus(Duration.ofHours(1))));
        }
    }

    /**
     * Lookup latencies of queries near stored vectors, after as many unmeasured warm-up queries: wall
     * clock in the first half, this thread's CPU time in the second. CPU time leaves out time spent
     * preempted, which dominates wall-clock tails on a shared, oversubscribed machine.
     */
    private static long[] lookups(InMemoryCacheStore store, float[][] vectors, Random random) {
        long[] wall = new long[QUERIES];
        long[] cpu = new long[QUERIES];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < QUERIES; i++) {
                float[] query = near(vectors[random.nextInt(vectors.length)], random);
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                store.findSimilar("decision/model/fp", query, 0.8, NOW);
                wall[i] = System.nanoTime() - start;
                cpu[i] = THREADS.getCurrentThreadCpuTime() - cpuStart;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        long[] both = Arrays.copyOf(wall, 2 * QUERIES);
        System.arraycopy(cpu, 0, both, QUERIES, QUERIES);
        return both;
    }

    /** Share of queries near a stored vector that return that vector. */
    private static double recall(InMemoryCacheStore store, float[][] vectors, Random random) {
        int found = 0;
        for (int i = 0; i < 1_000; i++) {
            int target = random.nextInt(vectors.length);
            var hit = store.findSimilar("decision/model/fp", near(vectors[target], random), 0.8, NOW);
            found += hit.isPresent() && hit.get().entry().promptText().equals("prompt " + target) ? 1 : 0;
        }
        return found / 1_000.0;
    }

    private static float[] near(float[] vector, Random random) {
        float[] noisy = vector.clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (random.nextGaussian() * 0.01);
        }
        return normalize(noisy);
    }

    /**
     * {@code -Ddata=uniform}: isotropic random unit vectors, the worst case for a graph index (no structure
     * to navigate by). Default {@code subspace}: vectors drawn from a random {@value #LATENT}-dimensional
     * subspace plus 10% noise, closer to sentence embeddings, whose intrinsic dimension is far below 384.
     */
    private static float[][] vectors(Random random, int count, int dimension) {
        boolean uniform = "uniform".equals(System.getProperty("data"));
        float[][] basis = gaussian(random, LATENT, dimension);
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            float[] v = gaussian(random, 1, dimension)[0];
            if (!uniform) {
                for (int d = 0; d < dimension; d++) {
                    v[d] *= 0.1f / (float) Math.sqrt(dimension);
                }
                for (int k = 0; k < LATENT; k++) {
                    float weight = (float) (random.nextGaussian() / Math.sqrt(LATENT * dimension));
                    for (int d = 0; d < dimension; d++) {
                        v[d] += weight * basis[k][d];
                    }
                }
            }
            vectors[i] = normalize(v);
        }
        return vectors;
    }

    private static float[][] gaussian(Random random, int rows, int columns) {
        float[][] m = new float[rows][columns];
        for (float[] row : m) {
            for (int c = 0; c < columns; c++) {
                row[c] = (float) random.nextGaussian();
            }
        }
        return m;
    }

    private static float[] normalize(float[] v) {
        double norm = Math.sqrt(CacheEntry.dot(v, v));
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) norm;
        }
        return v;
    }

    /** Quantile of the wall-clock ({@code half} 0) or CPU-time ({@code half} 1) latencies, in µs. */
    private static double micros(long[] both, int half, double quantile) {
        int index = (int) Math.min(QUERIES - 1, quantile * QUERIES);
        return both[half * QUERIES + index] / 1_000.0;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
