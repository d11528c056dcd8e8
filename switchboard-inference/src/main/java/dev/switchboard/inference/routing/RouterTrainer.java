package dev.switchboard.inference.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.inference.train.ScoreHeadTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Learns to predict each model's score from a prompt's embedding. Candidates — kNN for several k, a logistic unit
 * per model for several weight decays, and the blend of the best of each — are fitted on 80 % of the de-duplicated
 * rows and compared on the other 20 % by what routing cares about (APGR for two models, else the area under the
 * accuracy-versus-cost curve); the winner is refitted on every row.
 */
public final class RouterTrainer {

    static final int[] KS = {5, 10, 20, 40, 80, 160, 320};
    static final float[] DECAYS = {0.01f, 0.1f, 1f};
    static final double VALIDATION_FRACTION = 0.2;
    /**
     * Ranks and weight decay of the shared low-rank model ({@link FactorQuality}); on MMLU-Pro's validation split a
     * decay of 0.1 beat 0.01 and 0.3, and decays of 1e-3 or less overfit.
     */
    static final int[] FACTOR_RANKS = {8, 32};
    static final float[] FACTOR_DECAYS = {0.1f};
    static final int FACTOR_EPOCHS = 20;
    /** kNN is also tried in this many principal directions (fewer bytes to read per training prompt). */
    static final int[] PROJECTIONS = {128, 64};
    /**
     * Candidates whose validation score is this close to the best, in accuracy units (0.2 % accuracy), count as tied,
     * and the tie goes to the one that costs least per request: the difference is below what a validation split of
     * a thousand prompts can tell apart. APGR divides accuracy by the strong-weak gap, so its tie is wider.
     */
    static final double TIE = 0.002;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long seed;

    public RouterTrainer(long seed) {
        this.seed = seed;
    }

    /** What training produced: the router, and the manifest's training facts (candidates and their metrics). */
    public record Result(RouterModel router, ObjectNode manifest) {}

    /**
     * @param rows       de-duplicated outcome rows
     * @param embeddings their normalized embeddings, in the same order
     */
    public Result train(List<Outcome> rows, float[][] embeddings, String encoderId) {
        List<String> models = OutcomeFile.models(rows);
        double[] costs = costs(rows, models);
        float[][] scores = scores(rows, models);
        int[][] split = split(rows.size());
        Validation validation = new Validation(OutcomeTable.of(pick(rows, split[1]), models), costs);
        Map<String, Double> metrics = new LinkedHashMap<>();
        Candidate best = fitCandidates(embeddings, scores, split, validation, metrics);
        QualityModel finalModel = refit(best.model(), embeddings, scores);
        float[] centroid = centroid(embeddings);
        int[] small = cheaperHalf(costs);
        double[] grades = terciles(best.validationPredictions(), small);
        boolean onlyFrontier = frontierHelps(best, validation, OutcomeTable.of(pick(rows, split[0]), models),
                metrics);
        boolean[] considered = onlyFrontier ? frontier(OutcomeTable.of(rows, models)) : all(models.size());
        RouterModel router = new RouterModel(encoderId, models, costs, finalModel, centroid,
                minSimilarity(embeddings, centroid), small, grades[0], grades[1], considered);
        ObjectNode manifest = JSON.createObjectNode().put("seed", seed).put("rows", rows.size())
                .put("validation_rows", split[1].length).put("selection_metric", validation.metricName());
        metrics.forEach(manifest.putObject("validation")::put);
        manifest.put("chosen", best.model().describe()).put("frontier_models_only", onlyFrontier);
        return new Result(router, manifest);
    }

    /**
     * Whether choosing only among the models on the fitting rows' cost-accuracy frontier routes the validation rows
     * better (by more than {@link #TIE}) than choosing among all of them.
     */
    private static boolean frontierHelps(Candidate best, Validation validation, OutcomeTable fitting,
                                         Map<String, Double> metrics) {
        boolean[] keep = frontier(fitting);
        double[][] masked = Arrays.stream(best.validationPredictions()).map(p -> {
            double[] q = p.clone();
            for (int m = 0; m < q.length; m++) {
                q[m] = keep[m] ? q[m] : Double.NEGATIVE_INFINITY;
            }
            return q;
        }).toArray(double[][]::new);
        double metric = validation.metric(masked);
        metrics.put(best.model().describe() + ", frontier models only", metric);
        return metric > best.metric() + validation.tie(TIE);
    }

    /** Models on the upper-left hull of (mean cost, accuracy) over {@code table}'s rows. */
    static boolean[] frontier(OutcomeTable table) {
        double ref = table.meanCost(table.bestModel());
        java.util.Set<String> hull = new java.util.HashSet<>();
        RoutingReplay.randomMixes(RoutingReplay.singles(table, ref)).forEach(p -> hull.add(p.setting()));
        boolean[] keep = new boolean[table.models().size()];
        for (int m = 0; m < keep.length; m++) {
            keep[m] = hull.contains(table.models().get(m));
        }
        return keep;
    }

    private static boolean[] all(int n) {
        boolean[] out = new boolean[n];
        Arrays.fill(out, true);
        return out;
    }

    private record Candidate(QualityModel model, double[][] validationPredictions, double metric) {}

    private Candidate fitCandidates(float[][] x, float[][] y, int[][] split, Validation validation,
                                    Map<String, Double> metrics) {
        float[][] trainX = pick(x, split[0]);
        float[][] trainY = pick(y, split[0]);
        float[][] valX = pick(x, split[1]);
        List<Candidate> candidates = new ArrayList<>(knnSweep(trainX, trainY, valX, null, validation, metrics));
        Candidate bestKnn = best(candidates);
        for (int dims : PROJECTIONS) {
            if (dims < trainX[0].length && trainX.length >= 4 * dims) { // too few prompts to estimate them
                Projection projection = Projection.fit(trainX, dims, seed);
                candidates.addAll(knnSweep(trainX, trainY, valX, projection, validation, metrics));
            }
        }
        float[][] filled = imputed(trainY);
        for (int reach : new int[] {40, 160}) {
            candidates.add(evaluate(PrototypeQuality.fit(trainX, filled, prototypes(trainX.length), reach, seed),
                    valX, validation, metrics));
        }
        List<Candidate> linear = new ArrayList<>();
        for (float decay : DECAYS) {
            linear.add(evaluate(fitLinear(trainX, trainY, decay), valX, validation, metrics));
        }
        candidates.addAll(linear);
        // like the projections: with fewer prompts than this the shared projection is barely trained, and its
        // near-constant predictions can tie a working kNN on squared error and win the tie as the cheaper model
        if (trainX.length >= 4 * trainX[0].length) {
            for (int rank : FACTOR_RANKS) {
                for (float decay : FACTOR_DECAYS) {
                    candidates.add(evaluate(fitFactors(trainX, trainY, rank, decay), valX, validation, metrics));
                }
            }
        }
        Candidate bestLinear = best(linear);
        candidates.add(evaluate(new BlendQuality((KnnQuality) bestKnn.model(), (LinearQuality) bestLinear.model()),
                valX, validation, metrics));
        return cheapestOfBest(candidates, validation.tie(TIE));
    }

    /** kNN for every k in {@link #KS}, searching in {@code projection}'s space (null: the full embedding). */
    private static List<Candidate> knnSweep(float[][] trainX, float[][] trainY, float[][] valX, Projection projection,
                                            Validation validation, Map<String, Double> metrics) {
        int widestK = Math.min(KS[KS.length - 1], trainX.length);
        KnnQuality widest = new KnnQuality(trainX, trainY, widestK, projection);
        int[][] neighbours = Arrays.stream(valX).map(widest::nearestSorted).toArray(int[][]::new);
        float[][] points = widest.points();
        List<Candidate> out = new ArrayList<>();
        for (int k : KS) {
            if (k <= trainX.length) {
                KnnQuality knn = KnnQuality.ofPoints(points, trainY, k, projection);
                out.add(evaluateKnn(knn, neighbours, validation, metrics));
            }
        }
        return out;
    }

    /** Among the candidates within {@code tie} of the best validation score, the one cheapest per request. */
    static Candidate cheapestOfBest(List<Candidate> candidates, double tie) {
        double top = best(candidates).metric();
        Candidate chosen = null;
        for (Candidate c : candidates) {
            if (c.metric() >= top - tie && (chosen == null || multiplyAdds(c.model()) < multiplyAdds(chosen.model()))) {
                chosen = c;
            }
        }
        return chosen;
    }

    /** Roughly what one prediction costs: multiply-adds over the router's arrays. */
    static long multiplyAdds(QualityModel model) {
        if (model instanceof KnnQuality knn) {
            long search = (long) knn.rows() * knn.dims();
            return knn.projection() == null ? search : search + (long) knn.projection().mean().length * knn.dims();
        }
        if (model instanceof PrototypeQuality p) {
            return (long) p.centroids().length * p.centroids()[0].length;
        }
        if (model instanceof LinearQuality l) {
            return (long) l.weights().length * l.mean().length;
        }
        if (model instanceof FactorQuality f) {
            return (long) f.rank() * (f.mean().length + f.modelVectors().length);
        }
        BlendQuality blend = (BlendQuality) model;
        return multiplyAdds(blend.knn()) + multiplyAdds(blend.linear());
    }

    private static Candidate best(List<Candidate> candidates) {
        // ties go to the earlier, simpler candidate
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            if (c.metric() > best.metric() + 1e-9) {
                best = c;
            }
        }
        return best;
    }

    private static Candidate evaluate(QualityModel model, float[][] valX, Validation validation,
                                      Map<String, Double> metrics) {
        double[][] predicted = new double[valX.length][];
        for (int i = 0; i < valX.length; i++) {
            float[] p = model.predict(valX[i]);
            predicted[i] = IntStream.range(0, p.length).mapToDouble(m -> p[m]).toArray();
        }
        double metric = validation.metric(predicted);
        metrics.put(model.describe(), metric);
        return new Candidate(model, predicted, metric);
    }

    /** kNN for one k from precomputed neighbour lists, so that every k costs one similarity pass in all. */
    private static Candidate evaluateKnn(KnnQuality knn, int[][] neighbours, Validation validation,
                                         Map<String, Double> metrics) {
        double[][] predicted = new double[neighbours.length][];
        for (int i = 0; i < neighbours.length; i++) {
            float[] p = knn.average(Arrays.copyOf(neighbours[i], knn.k()));
            predicted[i] = IntStream.range(0, p.length).mapToDouble(m -> p[m]).toArray();
        }
        double metric = validation.metric(predicted);
        metrics.put(knn.describe(), metric);
        return new Candidate(knn, predicted, metric);
    }

    /** One prototype per 16 training prompts, between 8 and 512: small enough to search in microseconds. */
    static int prototypes(int rows) {
        return Math.max(8, Math.min(512, rows / 16));
    }

    private QualityModel refit(QualityModel chosen, float[][] x, float[][] y) {
        if (chosen instanceof PrototypeQuality p) {
            return PrototypeQuality.fit(x, imputed(y), prototypes(x.length), p.neighbours(), seed);
        }
        if (chosen instanceof KnnQuality knn) {
            return refitKnn(knn, x, y);
        }
        if (chosen instanceof LinearQuality linear) {
            return fitLinear(x, y, linear.l2());
        }
        if (chosen instanceof FactorQuality factors) {
            return fitFactors(x, y, factors.rank(), factors.l2());
        }
        BlendQuality blend = (BlendQuality) chosen;
        return new BlendQuality(refitKnn(blend.knn(), x, y), fitLinear(x, y, blend.linear().l2()));
    }

    private KnnQuality refitKnn(KnnQuality knn, float[][] x, float[][] y) {
        Projection projection = knn.projection() == null ? null : Projection.fit(x, knn.projection().dims(), seed);
        return new KnnQuality(x, y, knn.k(), projection);
    }

    LinearQuality fitLinear(float[][] x, float[][] y, float decay) {
        float[][] standard = Standardizer.fit(x);
        ScoreHeadTrainer.Weights w = new ScoreHeadTrainer(20, 64, 0.003f, decay, seed).train(
                Standardizer.apply(standard, x), imputed(y));
        return new LinearQuality(standard[0], standard[1], w.weights(), w.bias(), decay);
    }

    FactorQuality fitFactors(float[][] x, float[][] y, int rank, float decay) {
        return new FactorTrainer(rank, decay, FACTOR_EPOCHS, seed).fit(x, y);
    }

    /** Index sets {train, validation}, shuffled with the seed. */
    private int[][] split(int n) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        int cut = (int) Math.round(n * (1 - VALIDATION_FRACTION));
        return new int[][] {order.subList(0, cut).stream().mapToInt(i -> i).toArray(),
                order.subList(cut, n).stream().mapToInt(i -> i).toArray()};
    }

    private static float[][] pick(float[][] rows, int[] indices) {
        return Arrays.stream(indices).mapToObj(i -> rows[i]).toArray(float[][]::new);
    }

    private static List<Outcome> pick(List<Outcome> rows, int[] indices) {
        return Arrays.stream(indices).mapToObj(rows::get).toList();
    }

    static double[] costs(List<Outcome> rows, List<String> models) {
        Map<String, Double> mean = OutcomeFile.meanCosts(rows);
        return models.stream().mapToDouble(m -> mean.getOrDefault(m, 1.0)).toArray();
    }

    /** Scores per row and model; NaN where a row does not score a model (rows of recorded traffic). */
    private static float[][] scores(List<Outcome> rows, List<String> models) {
        float[][] y = new float[rows.size()][models.size()];
        for (int i = 0; i < y.length; i++) {
            for (int m = 0; m < models.size(); m++) {
                Double score = rows.get(i).scores().get(models.get(m));
                y[i][m] = score == null ? Float.NaN : score.floatValue();
            }
        }
        return y;
    }

    /**
     * Unknown scores replaced by the model's mean over the rows that have one: the logistic heads and prototypes
     * need a target everywhere (kNN skips unknown scores itself).
     */
    static float[][] imputed(float[][] y) {
        int models = y[0].length;
        double[] sum = new double[models];
        int[] count = new int[models];
        for (float[] row : y) {
            for (int m = 0; m < models; m++) {
                if (!Float.isNaN(row[m])) {
                    sum[m] += row[m];
                    count[m]++;
                }
            }
        }
        float[][] out = new float[y.length][];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i].clone();
            for (int m = 0; m < models; m++) {
                if (Float.isNaN(out[i][m])) {
                    out[i][m] = count[m] == 0 ? 0f : (float) (sum[m] / count[m]);
                }
            }
        }
        return out;
    }

    private static float[] centroid(float[][] x) {
        float[] c = new float[x[0].length];
        for (float[] row : x) {
            for (int d = 0; d < c.length; d++) {
                c[d] += row[d];
            }
        }
        return dev.switchboard.inference.encoder.Vectors.normalize(c);
    }

    /** The 1st percentile of the training prompts' similarity to the centroid: below it, the router is unsure. */
    private static double minSimilarity(float[][] x, float[] centroid) {
        double[] sims = Arrays.stream(x).mapToDouble(row -> {
            double dot = 0;
            for (int d = 0; d < row.length; d++) {
                dot += row[d] * centroid[d];
            }
            return dot;
        }).sorted().toArray();
        return sims[(int) Math.floor(0.01 * (sims.length - 1))];
    }

    /** The cheaper half of the models (at least one): complexity is about whether they would fail. */
    static int[] cheaperHalf(double[] costs) {
        Integer[] order = IntStream.range(0, costs.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(costs[a], costs[b]));
        int half = Math.max(1, costs.length / 2);
        return Arrays.stream(order).limit(half).mapToInt(i -> i).sorted().toArray();
    }

    /**
     * Complexity thresholds splitting the validation prompts into thirds (easy, medium, hard), each halfway between
     * the neighbouring prompts so that a new prompt like the hardest third's mildest one is still hard.
     */
    private static double[] terciles(double[][] predicted, int[] small) {
        double[] c = Arrays.stream(predicted).mapToDouble(p -> RouterModel.complexity(p, small)).sorted().toArray();
        return new double[] {between(c, c.length / 3), between(c, 2 * c.length / 3)};
    }

    private static double between(double[] sorted, int i) {
        return i == 0 ? sorted[0] : (sorted[i - 1] + sorted[i]) / 2;
    }
}
