package dev.switchboard.inference.routing;

import java.util.PriorityQueue;

/**
 * k nearest neighbours: a model's predicted score is its mean score on the {@code k} training prompts most similar
 * (cosine) to this one. The routing literature's strong baseline; costs one dot product per training prompt.
 */
public record KnnQuality(float[][] embeddings, float[][] scores, int k) implements QualityModel {

    @Override
    public float[] predict(float[] embedding) {
        return average(nearest(similarities(embedding), k));
    }

    /** Cosine similarity to every training prompt (embeddings are normalized). */
    float[] similarities(float[] embedding) {
        float[] sims = new float[embeddings.length];
        for (int i = 0; i < embeddings.length; i++) {
            float dot = 0f;
            float[] row = embeddings[i];
            for (int d = 0; d < row.length; d++) {
                dot += row[d] * embedding[d];
            }
            sims[i] = dot;
        }
        return sims;
    }

    /** Indices of the {@code k} largest similarities. */
    static int[] nearest(float[] sims, int k) {
        int n = Math.min(k, sims.length);
        PriorityQueue<Integer> heap = new PriorityQueue<>(n + 1, (a, b) -> Float.compare(sims[a], sims[b]));
        for (int i = 0; i < sims.length; i++) {
            if (heap.size() < n) {
                heap.add(i);
            } else if (sims[i] > sims[heap.peek()]) {
                heap.poll();
                heap.add(i);
            }
        }
        return heap.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The {@code k} nearest training prompts, most similar first. */
    int[] nearestSorted(float[] embedding) {
        float[] sims = similarities(embedding);
        Integer[] top = java.util.Arrays.stream(nearest(sims, k)).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(top, (a, b) -> Float.compare(sims[b], sims[a]));
        return java.util.Arrays.stream(top).mapToInt(Integer::intValue).toArray();
    }

    float[] average(int[] neighbours) {
        float[] mean = new float[scores[0].length];
        for (int i : neighbours) {
            for (int m = 0; m < mean.length; m++) {
                mean[m] += scores[i][m];
            }
        }
        for (int m = 0; m < mean.length; m++) {
            mean[m] /= neighbours.length;
        }
        return mean;
    }

    @Override
    public String describe() {
        return "knn(k=" + k + ")";
    }
}
