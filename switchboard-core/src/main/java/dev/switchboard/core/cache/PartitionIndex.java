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
 * <p>Not thread-safe by itself. {@link InMemoryCacheStore} runs one writer at a time; a writer changes this index's
 * arrays and fields ({@link #add}, {@link #remove}, {@link #installGraph}) under the store's write lock, but links
 * a node into the graph ({@link #link}) and builds a graph ({@link #buildGraph}) without it, so searches run
 * alongside the expensive part of an insert: jvector's on-heap graph takes concurrent inserts and searches, and
 * those two steps only read the arrays. Only unlinking deleted nodes ({@code removeDeletedNodes}, batched)
 * excludes searches.
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
    /** Replaced whenever the graph is, so threads' searchers for an old graph become garbage. */
    private ThreadLocal<ThreadSearcher> searchers = new ThreadLocal<>();
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

    /**
     * Makes {@code slot} searchable by brute force at once; with a graph, it is found through the graph only after
     * {@link #link}. Returns what the caller must do next, outside the write lock.
     */
    GraphWork add(Slot slot) {
        int ordinal = freeOrdinals.isEmpty() ? upperBound++ : freeOrdinals.pop();
        ensureCapacity(ordinal + 1);
        slot.ordinal = ordinal;
        slots[ordinal] = slot;
        vectors[ordinal] = VECTORS.createFloatVector(slot.entry.embedding());
        signs[ordinal] = binary.encode(vectors[ordinal]);
        live++;
        if (graph != null) {
            return GraphWork.LINK;
        }
        return live >= settings.graphThreshold() ? GraphWork.BUILD : GraphWork.NONE;
    }

    /** Inserts {@code slot}'s node into the graph, unless it was removed meanwhile. Searches may run alongside. */
    void link(Slot slot) {
        if (graph != null && slot.ordinal >= 0 && slots[slot.ordinal] == slot) {
            graph.addGraphNode(slot.ordinal, vectors[slot.ordinal]);
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

    /** What a writer still has to do for an added slot once it no longer holds the write lock. */
    enum GraphWork { NONE, LINK, BUILD }

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
        SearchResult result = searcher().search(scores, 1, settings.searchBeamWidth(), 0f, 0f, servable);
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

    // A searcher keeps its candidate queues and visited set between searches; making one per search allocated
    // tens of kilobytes per lookup. One per thread, because a searcher is not thread-safe, and per graph, because
    // it holds a view of the graph it was made for.
    private GraphSearcher searcher() {
        ThreadSearcher current = searchers.get();
        if (current == null || current.graph() != graph) {
            current = new ThreadSearcher(graph, new GraphSearcher(graph.getGraph()));
            searchers.set(current);
        }
        return current.searcher();
    }

    /**
     * A graph over every present slot, built while searches go on by brute force; the caller installs it with
     * {@link #installGraph} under the write lock.
     */
    GraphIndexBuilder buildGraph() {
        GraphIndexBuilder built = new GraphIndexBuilder(
                BuildScoreProvider.randomAccessScoreProvider(values, SIMILARITY), values.dimension(),
                settings.graphDegree(), settings.constructionBeamWidth(), 1.2f, 1.2f);
        for (int i = 0; i < upperBound; i++) {
            if (slots[i] != null) {
                built.addGraphNode(i, vectors[i]);
            }
        }
        return built;
    }

    /** Switches searches to {@code built}, unless the partition has shrunk (or a graph came) meanwhile. */
    void installGraph(GraphIndexBuilder built) {
        if (graph == null && live >= settings.graphThreshold()) {
            graph = built;
            searchers = new ThreadLocal<>();
        } else {
            closeQuietly(built);
        }
    }

    private void dropGraph() {
        close();
        graph = null;
        searchers = new ThreadLocal<>();
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
        if (graph != null) {
            closeQuietly(graph);
        }
    }

    private static void closeQuietly(GraphIndexBuilder builder) {
        try {
            builder.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // closing an on-heap builder does no I/O
        }
    }

    private record ThreadSearcher(GraphIndexBuilder graph, GraphSearcher searcher) {}

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
