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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;

/**
 * Latency of one semantic cache lookup with verification — exact probe, token sketch of the request, vector search
 * at the candidate similarity, the hit verifier's features and score — in a memory store of N entries (one
 * partition, the worst case), without the encoder pass (the request's encoding is given, as the pipeline gives it).
 * Vectors lie near a low-dimensional subspace, as sentence embeddings do; every query is near a stored entry, so each
 * lookup finds a candidate and runs the verifier.
 *
 * <pre>java -cp switchboard-cli/target/switchboard.jar:switchboard-bench/target/classes \
 *   dev.switchboard.bench.CacheLookupBench [entries]</pre>
 */
public final class CacheLookupBench {

    private static final int DIMENSION = 384;
    private static final int TOKENS = 16;
    private static final int QUERIES = 5_000;
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] WORDS = ("how do i reset clear install update export convert chrome router cache "
            + "password kitchen recipe python list string laptop battery account invoice flight hotel visa").split(" ");

    private CacheLookupBench() {}

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Random random = new Random(entries);
        float[][] basis = gaussian(random, 32, DIMENSION);
        Encoding[] stored = new Encoding[entries];
        String[] texts = new String[entries];
        InMemoryCacheStore store = InMemoryCacheStore.builder(DIMENSION).maxEntries(entries)
                .maxBytes(Long.MAX_VALUE).build();
        for (int i = 0; i < entries; i++) {
            texts[i] = sentence(random);
            stored[i] = encoding(random, basis, texts[i]);
            QuestionView view = QuestionView.of(texts[i], stored[i]);
            store.put(new CacheEntry("tenant:t/d/m/fp", texts[i], view.embedding(), new byte[512], NOW,
                    NOW.plus(Duration.ofHours(1)), view.sketch()));
        }
        ResponseCache cache = new ResponseCache(store, Clock.fixed(NOW, ZoneOffset.UTC), HitVerifier.bundled(), false);
        CacheSettings.Policy policy = new CacheSettings.Policy(CacheSettings.Mode.EXACT_THEN_SEMANTIC, 0.80,
                Duration.ofHours(1));
        long[] nanos = new long[QUERIES];
        int hits = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up
            for (int q = 0; q < QUERIES; q++) {
                int target = random.nextInt(entries);
                Encoding query = nudge(random, stored[target]);
                CacheTicket ticket = new CacheTicket("tenant:t/d/m/fp", texts[target] + " please", null,
                        Duration.ofHours(1)).withMinSimilarity(0.80, null);
                long start = System.nanoTime();
                CacheOutcome outcome = cache.lookup(ticket, policy, () -> query);
                nanos[q] = System.nanoTime() - start;
                hits += round == 1 && outcome.isHit() ? 1 : 0;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("entries=%d queries=%d verified hits=%d lookup with verification: p50=%.3f ms p99=%.3f ms "
                + "max=%.3f ms (java %s, %d cores)%n", entries, QUERIES, hits, nanos[QUERIES / 2] / 1e6,
                nanos[(int) (QUERIES * 0.99)] / 1e6, nanos[QUERIES - 1] / 1e6, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        store.close();
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
