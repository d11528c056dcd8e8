package dev.switchboard.inference.routing;

import java.util.Arrays;

/**
 * k nearest neighbours: a model's predicted score is its mean score on the {@code k} training prompts most similar
 * (cosine) to this one. The routing literature's strong baseline.
 *
 * <p>Built for the request path: the training embeddings are kept dimension-major in one flat array, so that the
 * similarities to every training prompt are 384 passes of {@code sims[i] += q[d] · column[d][i]} — a loop without a
 * carried dependency that the JIT turns into SIMD instructions — instead of one scalar dot product per row. The
 * {@code k} best are kept in a primitive heap (no boxing), and scores live row-major in one flat array.
 *
 * <p>With a {@link Projection} the search runs in the training prompts' top principal directions instead of the
 * full embedding (fewer bytes per training prompt); the trainer picks it only when validation says it routes as well.
 *
 * <p>A score may be missing (NaN: the row never saw that model, as in records of live traffic, where only the model
 * that answered is scored). A model's prediction is then its mean over the neighbours that have its score, or its
 * mean over all training rows when none of them do.
 */
public final class KnnQuality implements QualityModel {

    private final int rows;
    private final int dims;
    private final int models;
    private final int k;
    private final float[] columns; // columns[d * rows + i] = embedding i, dimension d
    private final float[] scores;  // scores[i * models + m]
    private final float[] priors;  // mean score per model over the rows that have it
    private final Projection projection; // null: the full embedding

    /**
     * @param embeddings normalized training embeddings, one row per prompt
     * @param scores     the rows' scores per model (NaN where unknown)
     */
    public KnnQuality(float[][] embeddings, float[][] scores, int k) {
        this(embeddings, scores, k, null);
    }

    /**
     * @param projection where to search, or null for the full embedding; {@code embeddings} are the encoder's and
     *                   are projected here
     */
    public KnnQuality(float[][] embeddings, float[][] scores, int k, Projection projection) {
        this(projection, projection == null ? embeddings : project(embeddings, projection), scores, k);
    }

    /** From points already in the search space (as {@link #points()} returns them). */
    static KnnQuality ofPoints(float[][] points, float[][] scores, int k, Projection projection) {
        return new KnnQuality(projection, points, scores, k);
    }

    private KnnQuality(Projection projection, float[][] embeddings, float[][] scores, int k) {
        this.projection = projection;
        this.rows = embeddings.length;
        this.dims = embeddings[0].length;
        this.models = scores[0].length;
        this.k = k;
        this.columns = new float[rows * dims];
        this.scores = new float[rows * models];
        for (int i = 0; i < rows; i++) {
            for (int d = 0; d < dims; d++) {
                columns[d * rows + i] = embeddings[i][d];
            }
            System.arraycopy(scores[i], 0, this.scores, i * models, models);
        }
        this.priors = priors(this.scores, models);
    }

    public int k() {
        return k;
    }

    /** Training prompts searched per prediction. */
    public int rows() {
        return rows;
    }

    /** Dimensions of the search space. */
    public int dims() {
        return dims;
    }

    /** The space kNN searches in, or null for the full embedding. */
    public Projection projection() {
        return projection;
    }

    /** The training prompts in the search space, row by row (for writing the router; not the request path). */
    public float[][] points() {
        float[][] out = new float[rows][dims];
        for (int d = 0; d < dims; d++) {
            for (int i = 0; i < rows; i++) {
                out[i][d] = columns[d * rows + i];
            }
        }
        return out;
    }

    /** The training scores, row by row. */
    public float[][] scores() {
        float[][] out = new float[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(scores, i * models, (i + 1) * models);
        }
        return out;
    }

    @Override
    public float[] predict(float[] embedding) {
        return average(TopK.largest(similarities(embedding), k));
    }

    /** Cosine similarity to every training prompt (embeddings are normalized). */
    float[] similarities(float[] embedding) {
        float[] query = projection == null ? embedding : projection.apply(embedding);
        float[] sims = new float[rows];
        for (int d = 0; d < dims; d++) {
            float q = query[d];
            int base = d * rows;
            for (int i = 0; i < rows; i++) {
                sims[i] += q * columns[base + i];
            }
        }
        return sims;
    }

    /** The {@code k} nearest training prompts, most similar first. */
    int[] nearestSorted(float[] embedding) {
        float[] sims = similarities(embedding);
        int[] top = TopK.largest(sims, k);
        return Arrays.stream(top).boxed().sorted((a, b) -> Float.compare(sims[b], sims[a]))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Mean score per model over {@code neighbours}, skipping unknown scores (see the class comment). */
    float[] average(int[] neighbours) {
        float[] sum = new float[models];
        int[] count = new int[models];
        for (int i : neighbours) {
            int base = i * models;
            for (int m = 0; m < models; m++) {
                float s = scores[base + m];
                if (!Float.isNaN(s)) {
                    sum[m] += s;
                    count[m]++;
                }
            }
        }
        for (int m = 0; m < models; m++) {
            sum[m] = count[m] == 0 ? priors[m] : sum[m] / count[m];
        }
        return sum;
    }

    private static float[][] project(float[][] embeddings, Projection projection) {
        float[][] out = new float[embeddings.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = projection.apply(embeddings[i]);
        }
        return out;
    }

    private static float[] priors(float[] scores, int models) {
        double[] sum = new double[models];
        int[] count = new int[models];
        for (int j = 0; j < scores.length; j++) {
            if (!Float.isNaN(scores[j])) {
                sum[j % models] += scores[j];
                count[j % models]++;
            }
        }
        float[] out = new float[models];
        for (int m = 0; m < models; m++) {
            out[m] = count[m] == 0 ? 0f : (float) (sum[m] / count[m]);
        }
        return out;
    }

    @Override
    public String describe() {
        return "knn(k=" + k + (projection == null ? "" : ", pca=" + projection.dims()) + ")";
    }
}
