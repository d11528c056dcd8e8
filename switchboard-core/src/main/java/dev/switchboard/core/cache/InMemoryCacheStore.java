package dev.switchboard.core.cache;

import dev.switchboard.core.cache.PartitionIndex.GraphWork;
import dev.switchboard.core.cache.PartitionIndex.IndexSettings;
import dev.switchboard.core.cache.Slot.EntryKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link SemanticCacheStore} on the heap of one process, bounded by entry count and by estimated bytes.
 *
 * <p>Each partition is searched by brute force while it holds fewer than {@code graphThreshold} entries
 * and through a jvector HNSW-style graph above that (see docs/adr/0004-semantic-cache-stores.md for the
 * measurements behind the threshold). Eviction is exact LRU across all partitions.
 *
 * <p><b>Memory.</b> Each entry is charged {@value #ENTRY_OVERHEAD_BYTES} bytes of bookkeeping (maps,
 * records, object headers, about {@code graphDegree} graph edges) plus {@code 4 * dimension} for the
 * vector, {@code 2 * length} for the prompt and partition strings, the response's length and the token
 * sketch's length (at most 1,536 bytes). The store
 * evicts until both {@code maxEntries} and {@code maxBytes} hold.
 *
 * <p><b>Threads.</b> Lookups share a read lock and run in parallel. Writers take turns on a writer lock and hold
 * the write lock only for bookkeeping (maps, arrays, LRU order, eviction); the expensive part of an insert — linking
 * the node into the graph, or building a partition's graph when it crosses the threshold — runs after the write lock
 * is released, alongside lookups. A lookup still waits behind a writer's bookkeeping, and behind the batched unlinking
 * of deleted graph nodes ({@code removeDeletedNodes}, once per {@code max(64, entries / 8)} removals in a partition).
 */
public final class InMemoryCacheStore implements SemanticCacheStore {

    static final long ENTRY_OVERHEAD_BYTES = 896;
    /** Puts between two full scans for expired entries when the store is at capacity. */
    private static final int PURGE_INTERVAL = 1024;

    private final int maxEntries;
    private final long maxBytes;
    private final IndexSettings settings;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** One writer at a time, also while it works on a graph outside the write lock. */
    private final ReentrantLock writers = new ReentrantLock();
    private final Consumer<Slot> beforeGraphWork;
    // Access-ordered: iteration starts at the least recently used. Readers touch it under its own monitor.
    private final LinkedHashMap<EntryKey, Slot> lru = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, PartitionIndex> partitions = new HashMap<>();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder expirations = new LongAdder();
    private long bytes;
    private int putsSincePurge;
    private volatile boolean closed;

    private InMemoryCacheStore(Builder builder) {
        this.maxEntries = builder.maxEntries;
        this.maxBytes = builder.maxBytes;
        this.settings = new IndexSettings(builder.dimension, builder.graphThreshold, builder.graphDegree,
                builder.constructionBeamWidth, builder.searchBeamWidth);
        this.beforeGraphWork = builder.beforeGraphWork;
    }

    /** A builder with defaults: 10,000 entries, 256 MiB, graph from 1,024 entries per partition. */
    public static Builder builder(int dimension) {
        return new Builder(dimension);
    }

    @Override
    public Optional<CacheHit> findExact(String partition, String promptText, Instant now) {
        return withReadLock(() -> {
            Slot slot = touch(new EntryKey(partition, promptText));
            return slot == null || slot.entry.isExpiredAt(now)
                    ? Optional.empty()
                    : Optional.of(CacheHit.exact(slot.entry));
        });
    }

    @Override
    public Optional<CacheHit> findSimilar(String partition, float[] embedding, double minSimilarity,
            Instant now) {
        requireDimension(embedding);
        return withReadLock(() -> {
            PartitionIndex index = partitions.get(partition);
            double[] similarity = new double[1];
            Slot slot = index == null ? null : index.search(embedding, minSimilarity, now, similarity);
            if (slot == null) {
                return Optional.empty();
            }
            touch(slot.key);
            return Optional.of(new CacheHit(slot.entry, Math.min(1.0, similarity[0])));
        });
    }

    @Override
    public void put(CacheEntry entry) {
        requireDimension(entry.embedding());
        Slot slot = new Slot(entry, weigh(entry));
        if (slot.weight > maxBytes) {
            return; // could never fit; storing it would only flush the whole cache
        }
        writers.lock();
        try {
            GraphWork work = withWriteLock(() -> {
                if (closed) {
                    return GraphWork.NONE;
                }
                Slot previous = lru.get(slot.key);
                if (previous != null) {
                    removeSlot(previous);
                }
                GraphWork added = addSlot(slot);
                makeRoom(entry.createdAt());
                return added;
            });
            doGraphWork(slot, work);
        } finally {
            writers.unlock();
        }
    }

    // Outside the write lock, so lookups go on meanwhile; still one writer at a time, so the index's arrays hold
    // still. A partition that lost its graph or the slot (evicted meanwhile) is left alone by link/installGraph.
    private void doGraphWork(Slot slot, GraphWork work) {
        if (work == GraphWork.NONE) {
            return;
        }
        PartitionIndex index = withReadLock(() -> partitions.get(slot.key.partition()));
        if (index == null) {
            return;
        }
        beforeGraphWork.accept(slot);
        if (work == GraphWork.LINK) {
            index.link(slot);
        } else {
            var built = index.buildGraph();
            withWriteLock(() -> {
                index.installGraph(built);
                return 0;
            });
        }
    }

    @Override
    public int clear(String partition) {
        return withWriteLock(() -> {
            PartitionIndex index = partitions.get(partition);
            if (index == null) {
                return 0;
            }
            List<Slot> slots = index.slots();
            slots.forEach(this::removeSlot);
            return slots.size();
        });
    }

    @Override
    public int clearAll() {
        return withWriteLock(() -> {
            int removed = lru.size();
            partitions.values().forEach(PartitionIndex::close);
            partitions.clear();
            lru.clear();
            bytes = 0;
            return removed;
        });
    }

    @Override
    public int purgeExpired(Instant now) {
        return withWriteLock(() -> {
            putsSincePurge = 0;
            List<Slot> expired = new ArrayList<>();
            for (Slot slot : lru.values()) {
                if (slot.entry.isExpiredAt(now)) {
                    expired.add(slot);
                }
            }
            expired.forEach(this::removeSlot);
            expirations.add(expired.size());
            return expired.size();
        });
    }

    @Override
    public List<PartitionStats> partitions() {
        return withReadLock(() -> partitions.values().stream()
                .map(index -> new PartitionStats(index.name(), index.size()))
                .sorted(Comparator.comparing(PartitionStats::partition))
                .toList());
    }

    @Override
    public long size() {
        return withReadLock(() -> {
            synchronized (lru) {
                return (long) lru.size();
            }
        });
    }

    /** Estimated heap bytes held by entries, as charged against {@code maxBytes}. */
    public long estimatedBytes() {
        return withReadLock(() -> bytes);
    }

    @Override
    public boolean isHealthy() {
        return !closed;
    }

    @Override
    public StoreStats stats() {
        return new StoreStats(evictions.sum(), expirations.sum());
    }

    @Override
    public void close() {
        closed = true;
        clearAll();
    }

    private Slot touch(EntryKey key) {
        synchronized (lru) {
            return lru.get(key); // get() moves the entry to the most recently used end
        }
    }

    private GraphWork addSlot(Slot slot) {
        lru.put(slot.key, slot);
        bytes += slot.weight;
        return partitions.computeIfAbsent(slot.key.partition(), name -> new PartitionIndex(name, settings)).add(slot);
    }

    private void removeSlot(Slot slot) {
        lru.remove(slot.key);
        bytes -= slot.weight;
        PartitionIndex index = partitions.get(slot.key.partition());
        index.remove(slot);
        if (index.size() == 0) {
            partitions.remove(index.name());
            index.close();
        }
    }

    // Prefer dropping expired entries over live ones, but scan for them only now and then: a full scan
    // on every put would make a full cache O(n) per write.
    private void makeRoom(Instant now) {
        if (!overCapacity()) {
            return;
        }
        if (++putsSincePurge >= PURGE_INTERVAL) {
            purgeExpired(now);
        }
        while (overCapacity()) {
            removeSlot(lru.values().iterator().next()); // the least recently used
            evictions.increment();
        }
    }

    private boolean overCapacity() {
        return lru.size() > maxEntries || bytes > maxBytes;
    }

    private long weigh(CacheEntry entry) {
        return ENTRY_OVERHEAD_BYTES + 4L * entry.embedding().length
                + 2L * (entry.promptText().length() + entry.partition().length()) + entry.response().length
                + entry.tokenSketch().length;
    }

    private void requireDimension(float[] embedding) {
        if (embedding.length != settings.dimension()) {
            throw new IllegalArgumentException(
                    "embedding has dimension " + embedding.length + ", store expects " + settings.dimension());
        }
    }

    private <T> T withReadLock(Supplier<T> action) {
        return locked(lock.readLock(), action);
    }

    // Every write path takes the writer lock first (reentrant: put's eviction may purge), so a writer working on a
    // graph outside the write lock never sees the index change under it.
    private <T> T withWriteLock(Supplier<T> action) {
        return locked(writers, () -> locked(lock.writeLock(), action));
    }

    private static <T> T locked(Lock held, Supplier<T> action) {
        held.lock();
        try {
            return action.get();
        } finally {
            held.unlock();
        }
    }

    /** Validates settings, then freezes them into a store. */
    public static final class Builder {
        private final int dimension;
        private int maxEntries = 10_000;
        private long maxBytes = 256L << 20;
        private int graphThreshold = 1_024;
        private int graphDegree = 16;
        private int constructionBeamWidth = 100;
        private int searchBeamWidth = 50;
        private Consumer<Slot> beforeGraphWork = slot -> {};

        private Builder(int dimension) {
            this.dimension = requirePositive(dimension, "dimension");
        }

        /** Most entries held across all partitions. */
        public Builder maxEntries(int maxEntries) {
            this.maxEntries = requirePositive(maxEntries, "maxEntries");
            return this;
        }

        /** Most estimated heap bytes held (see the class comment for the estimate). */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /** Partition size from which a graph index replaces brute-force search. */
        public Builder graphThreshold(int graphThreshold) {
            this.graphThreshold = requirePositive(graphThreshold, "graphThreshold");
            return this;
        }

        /** Graph tuning: edges per node, candidates kept while inserting and while searching. */
        public Builder graph(int degree, int constructionBeamWidth, int searchBeamWidth) {
            this.graphDegree = requirePositive(degree, "degree");
            this.constructionBeamWidth = requirePositive(constructionBeamWidth, "constructionBeamWidth");
            this.searchBeamWidth = requirePositive(searchBeamWidth, "searchBeamWidth");
            return this;
        }

        /** Tests: runs in the writer's thread just before it links or builds a graph, outside the write lock. */
        Builder beforeGraphWork(Consumer<Slot> hook) {
            this.beforeGraphWork = hook;
            return this;
        }

        public InMemoryCacheStore build() {
            return new InMemoryCacheStore(this);
        }

        private static int requirePositive(int value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
