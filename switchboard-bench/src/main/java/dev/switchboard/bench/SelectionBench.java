package dev.switchboard.bench;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.selection.CostAwareSelector;
import dev.switchboard.core.selection.QualityRouter;
import dev.switchboard.core.selection.SelectionPolicy;
import dev.switchboard.inference.encoder.Vectors;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.routing.KnnQuality;
import dev.switchboard.inference.routing.Outcome;
import dev.switchboard.inference.routing.OutcomeFile;
import dev.switchboard.inference.routing.Projection;
import dev.switchboard.inference.routing.RouterModel;
import dev.switchboard.inference.routing.TrainRouter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * What cost-aware selection adds on top of the shared encoder pass (the router's prediction plus the choice), per
 * prompt on one thread, for kNN routers of one shape: the first implementation (a scalar dot product per training
 * row over {@code float[][]}, a boxed {@code PriorityQueue}), kept here as the baseline; the current one over the
 * full embedding; and the current one searching 128 and 64 principal directions. All run in the same JVM,
 * alternating rounds on the same prompts, so outside load hits them alike.
 *
 * <p>With an outcome file (the training half) and a held-out file, the routers are built from their embeddings
 * (the shared encoder's, cached on disk as {@code train router} caches them) and timed on the held-out prompts;
 * without, on random unit vectors of MMLU-Pro's shape (5,782 training prompts, 384 dimensions, 28 models).
 *
 * <pre>./mvnw -q -DskipTests -pl switchboard-bench -am package
 * nice java -cp switchboard-cli/target/switchboard.jar:switchboard-bench/target/classes \
 *     dev.switchboard.bench.SelectionBench [train.jsonl test.jsonl embedding-cache-dir] [k] [prompts] [rounds]</pre>
 */
public final class SelectionBench {

    private SelectionBench() {}

    public static void main(String[] args) throws Exception {
        boolean real = args.length >= 3;
        int k = args.length > (real ? 3 : 0) ? Integer.parseInt(args[real ? 3 : 0]) : 160;
        int prompts = args.length > (real ? 4 : 1) ? Integer.parseInt(args[real ? 4 : 1]) : 1000;
        int rounds = args.length > (real ? 5 : 2) ? Integer.parseInt(args[real ? 5 : 2]) : 6;
        float[][][] data = real ? embedded(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]))
                : synthetic(5782, 384, 28, new Random(7));
        float[][] x = data[0];
        float[][] y = data[1];
        List<Encoding> queries = Arrays.stream(data[2]).limit(prompts)
                .map(q -> new Encoding(q, new float[0][], new int[0][], false)).toList();
        Map<String, CostAwareSelector> variants = new LinkedHashMap<>();
        SelectionPolicy policy = new SelectionPolicy(SelectionPolicy.DEFAULT_QUALITY_TARGET, null);
        RouterModel full = router(new KnnQuality(x, y, k), x[0].length);
        variants.put("baseline (float[][] rows, boxed heap)", new CostAwareSelector(new BaselineKnn(full, x, y, k),
                policy));
        variants.put("current, full 384 dimensions", new CostAwareSelector(full, policy));
        for (int dims : new int[] {128, 64}) {
            RouterModel reduced = router(new KnnQuality(x, y, k, Projection.fit(x, dims, 1)), x[0].length);
            variants.put("current, " + dims + " principal directions", new CostAwareSelector(reduced, policy));
        }
        Map<String, List<double[]>> times = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            variants.forEach((name, selector) -> times.computeIfAbsent(name, n -> new ArrayList<>())
                    .add(time(selector, full.models(), queries)));
        }
        System.out.printf("kNN k=%d over %d training prompts, %d dims, %d models (%s); %d prompts x %d rounds, the "
                + "first round a warm-up%n", k, x.length, x[0].length, y[0].length, real ? "real embeddings" : "random",
                queries.size(), rounds);
        times.forEach(SelectionBench::report);
    }

    private static RouterModel router(KnnQuality quality, int dims) {
        int models = quality.scores()[0].length;
        List<String> names = IntStream.range(0, models).mapToObj(m -> "model-" + m).toList();
        double[] costs = IntStream.range(0, models).mapToDouble(m -> 1 + m).toArray();
        return new RouterModel("bench", names, costs, quality, new float[dims], -1, new int[] {0}, 0.3, 0.6);
    }

    /** {training embeddings, training scores, held-out embeddings} from outcome files and the embedding cache. */
    private static float[][][] embedded(Path train, Path test, Path cache) {
        List<Outcome> rows = OutcomeFile.dedupe(OutcomeFile.read(train));
        List<Outcome> held = OutcomeFile.dedupe(OutcomeFile.read(test));
        List<String> models = OutcomeFile.models(rows);
        float[][] y = rows.stream().map(r -> {
            float[] s = new float[models.size()];
            for (int m = 0; m < s.length; m++) {
                s[m] = r.scores().get(models.get(m)).floatValue();
            }
            return s;
        }).toArray(float[][]::new);
        try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
            return new float[][][] {TrainRouter.embed(rows, encoder, cache), y, TrainRouter.embed(held, encoder, cache)};
        }
    }

    private static double[] time(CostAwareSelector selector, List<String> candidates, List<Encoding> queries) {
        double[] ms = new double[queries.size()];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            selector.choose(candidates, queries.get(i));
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return ms;
    }

    private static void report(String name, List<double[]> rounds) {
        double[] all = rounds.stream().skip(1).flatMapToDouble(Arrays::stream).sorted().toArray();
        System.out.printf("%-44s p50 %.3f ms, p90 %.3f ms, p99 %.3f ms (%d calls)%n", name, all[all.length / 2],
                all[all.length * 9 / 10], all[all.length * 99 / 100], all.length);
    }

    /** {training embeddings, scores, queries}: random unit vectors and random 0/1 scores. */
    private static float[][][] synthetic(int rows, int dims, int models, Random random) {
        float[][] y = new float[rows][models];
        for (float[] row : y) {
            for (int m = 0; m < models; m++) {
                row[m] = random.nextBoolean() ? 1f : 0f;
            }
        }
        return new float[][][] {unitVectors(rows, dims, random), y, unitVectors(1000, dims, random)};
    }

    private static float[][] unitVectors(int n, int dims, Random random) {
        float[][] x = new float[n][dims];
        for (float[] row : x) {
            for (int d = 0; d < dims; d++) {
                row[d] = (float) random.nextGaussian();
            }
            Vectors.normalize(row);
        }
        return x;
    }

    /** The first kNN implementation, as it ran on the request path before the rewrite. */
    private static final class BaselineKnn implements QualityRouter {
        private final RouterModel router;
        private final float[][] embeddings;
        private final float[][] scores;
        private final int k;

        BaselineKnn(RouterModel router, float[][] embeddings, float[][] scores, int k) {
            this.router = router;
            this.embeddings = embeddings;
            this.scores = scores;
            this.k = k;
        }

        @Override
        public List<String> models() {
            return router.models();
        }

        @Override
        public double[] costs() {
            return router.costs();
        }

        @Override
        public Optional<Prediction> predict(Encoding encoding) {
            float[] q = encoding.embedding();
            float[] sims = new float[embeddings.length];
            for (int i = 0; i < embeddings.length; i++) {
                float dot = 0f;
                for (int d = 0; d < q.length; d++) {
                    dot += embeddings[i][d] * q[d];
                }
                sims[i] = dot;
            }
            PriorityQueue<Integer> heap = new PriorityQueue<>(k + 1, (a, b) -> Float.compare(sims[a], sims[b]));
            for (int i = 0; i < sims.length; i++) {
                if (heap.size() < k) {
                    heap.add(i);
                } else if (sims[i] > sims[heap.peek()]) {
                    heap.poll();
                    heap.add(i);
                }
            }
            double[] mean = new double[scores[0].length];
            for (int i : heap) {
                for (int m = 0; m < mean.length; m++) {
                    mean[m] += scores[i][m] / k;
                }
            }
            return Optional.of(new Prediction(mean, 0, "medium"));
        }
    }
}
