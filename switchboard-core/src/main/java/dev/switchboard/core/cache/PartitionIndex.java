package dev.switchboard.core.cache;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.ScoreFunction;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
import io.github.jbellis.jvector.pq.BinaryQuantization;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorUtil;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The vectors of one partition, searched by brute force while small and through a jvector graph once
 * large. The graph is walked on sign-bit scores and the beam's candidates re-scored exactly.
 *
 * <p>Not thread-safe by itself: {@link InMemoryCacheStore} mutates it only under its write lock and
 * searches under its read lock, so searches never overlap graph mutation.
 *
 * <p>Ordinals are reused because jvector sizes its graph by the highest ordinal ever used; a graph
 * ordinal may be reused only after {@link GraphIndexBuilder#removeDeletedNodes()} has unlinked it.
 */
final class PartitionIndex implements AutoCloseable {

    static final VectorTypeSupport VECTORS = VectorizationProvider.getInstance().getVectorTypeSupport();
    // Vectors are unit length, so dot product ranks like cosine and skips the norm computation.
    private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

    private final String name;
    private final IndexSettings settings;
    private Slot[] slots = new Slot[16];
    private VectorFloat<?>[] vectors = new VectorFloat<?>[16];
    /** One sign bit per dimension of each vector, for cheap approximate scoring while walking the graph. */
    private long[][] signs = new long[16][];
    private int upperBound;
    private int live;
    private final ArrayDeque<Integer> freeOrdinals = new ArrayDeque<>();
    private final List<Integer> deletedInGraph = new ArrayList<>();
    private final RandomAccessVectorValues values = new Values();
    private final BinaryQuantization binary;
    private GraphIndexBuilder graph;

    PartitionIndex(String name, IndexSettings settings) {
        this.name = name;
        this.settings = settings;
        this.binary = new BinaryQuantization(settings.dimension());
    }

    String name() {
        return name;
    }

    int size() {
        return live;
    }

    void add(Slot slot) {
        int ordinal = freeOrdinals.isEmpty() ? upperBound++ : freeOrdinals.pop();
        ensureCapacity(ordinal + 1);
        slot.ordinal = ordinal;
        slots[ordinal] = slot;
        vectors[ordinal] = VECTORS.createFloatVector(slot.entry.embedding());
        signs[ordinal] = binary.encode(vectors[ordinal]);
        live++;
        if (graph != null) {
            graph.addGraphNode(ordinal, vectors[ordinal]);
        } else if (live >= settings.graphThreshold()) {
            buildGraph();
        }
    }

    void remove(Slot slot) {
        int ordinal = slot.ordinal;
        slots[ordinal] = null;
        live--;
        if (graph == null) {
            freeOrdinal(ordinal);
        } else if (live < settings.graphThreshold() / 4) {
            dropGraph(); // brute force is faster again; frees the graph's memory
            freeOrdinal(ordinal);
        } else {
            graph.markNodeDeleted(ordinal);
            deletedInGraph.add(ordinal);
            compactIfManyDeleted();
        }
    }

    /** Every slot, for bulk removal. */
    List<Slot> slots() {
        List<Slot> all = new ArrayList<>(live);
        for (int i = 0; i < upperBound; i++) {
            if (slots[i] != null) {
                all.add(slots[i]);
            }
        }
        return all;
    }

    /** The most similar unexpired slot with similarity at least {@code minSimilarity}, or null. */
    Slot search(float[] query, double minSimilarity, Instant now, double[] similarityOut) {
        VectorFloat<?> q = VECTORS.createFloatVector(query);
        return graph == null
                ? bruteForce(q, minSimilarity, now, similarityOut)
                : graphSearch(q, minSimilarity, now, similarityOut);
    }

    private Slot bruteForce(VectorFloat<?> q, double minSimilarity, Instant now, double[] similarityOut) {
        Slot best = null;
        double bestSimilarity = minSimilarity;
        for (int i = 0; i < upperBound; i++) {
            Slot slot = slots[i];
            if (slot == null || slot.entry.isExpiredAt(now)) {
                continue;
            }
            double similarity = VectorUtil.dotProduct(q, vectors[i]);
            if (similarity >= bestSimilarity) {
                best = slot;
                bestSimilarity = similarity;
            }
        }
        similarityOut[0] = bestSimilarity;
        return best;
    }

    private Slot graphSearch(VectorFloat<?> q, double minSimilarity, Instant now, double[] similarityOut) {
        Bits servable = ordinal -> ordinal < upperBound && slots[ordinal] != null
                && !slots[ordinal].entry.isExpiredAt(now);
        SearchScoreProvider scores = new SearchScoreProvider(hammingScores(q), values.rerankerFor(q, SIMILARITY));
        SearchResult result;
        try (GraphSearcher searcher = new GraphSearcher(graph.getGraph())) {
            result = searcher.search(scores, 1, settings.searchBeamWidth(), 0f, 0f, servable);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // close() of an on-heap searcher does no I/O
        }
        if (result.getNodes().length == 0) {
            return null;
        }
        SearchResult.NodeScore top = result.getNodes()[0];
        double similarity = 2.0 * top.score - 1.0; // jvector maps dot product d to (1 + d) / 2
        similarityOut[0] = similarity;
        return similarity >= minSimilarity ? slots[top.node] : null;
    }

    // Walking the graph compares the query with hundreds of nodes; comparing sign bits (a Hamming
    // distance over dimension/64 longs) instead of full dot products makes each step ~50x cheaper, and the
    // beam's candidates are then re-scored exactly, so returned similarities are exact.
    private ScoreFunction.ApproximateScoreFunction hammingScores(VectorFloat<?> q) {
        long[] querySigns = binary.encode(q);
        float dimension = settings.dimension();
        return ordinal -> 1f - VectorUtil.hammingDistance(querySigns, signs[ordinal]) / dimension;
    }

    private void buildGraph() {
        graph = new GraphIndexBuilder(BuildScoreProvider.randomAccessScoreProvider(values, SIMILARITY),
                values.dimension(), settings.graphDegree(), settings.constructionBeamWidth(), 1.2f, 1.2f);
        for (int i = 0; i < upperBound; i++) {
            if (slots[i] != null) {
                graph.addGraphNode(i, vectors[i]);
            }
        }
    }

    private void dropGraph() {
        close();
        graph = null;
        deletedInGraph.forEach(this::freeOrdinal);
        deletedInGraph.clear();
    }

    private void freeOrdinal(int ordinal) {
        vectors[ordinal] = null;
        signs[ordinal] = null;
        freeOrdinals.push(ordinal);
    }

    // Deleted nodes still cost memory and search time; unlink them in batches because each pass walks
    // the whole graph.
    private void compactIfManyDeleted() {
        if (deletedInGraph.size() < Math.max(64, live / 8)) {
            return;
        }
        graph.removeDeletedNodes();
        deletedInGraph.forEach(this::freeOrdinal);
        deletedInGraph.clear();
    }

    private void ensureCapacity(int needed) {
        if (needed > slots.length) {
            int length = Math.max(needed, slots.length * 2);
            slots = Arrays.copyOf(slots, length);
            vectors = Arrays.copyOf(vectors, length);
            signs = Arrays.copyOf(signs, length);
        }
    }

    @Override
    public void close() {
        if (graph == null) {
            return;
        }
        try {
            graph.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exposes this partition's vectors to jvector by ordinal; reads the current arrays on every call. */
    private final class Values implements RandomAccessVectorValues {
        @Override
        public int size() {
            return upperBound;
        }

        @Override
        public int dimension() {
            return settings.dimension();
        }

        @Override
        public VectorFloat<?> getVector(int ordinal) {
            return vectors[ordinal];
        }

        @Override
        public boolean isValueShared() {
            return false;
        }

        @Override
        public RandomAccessVectorValues copy() {
            return this;
        }
    }

    /** Index tuning shared by all partitions of a store. */
    record IndexSettings(int dimension, int graphThreshold, int graphDegree, int constructionBeamWidth,
            int searchBeamWidth) {}
}
