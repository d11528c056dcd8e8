package dev.switchboard.core.cache;

/** One stored entry with its place in a partition index and its estimated heap cost. */
final class Slot {

    final EntryKey key;
    final CacheEntry entry;
    final long weight;
    /** Ordinal inside the owning {@link PartitionIndex}; assigned when added. */
    int ordinal = -1;

    Slot(CacheEntry entry, long weight) {
        this.key = new EntryKey(entry.partition(), entry.promptText());
        this.entry = entry;
        this.weight = weight;
    }

    /** Identifies an entry for exact lookup and replacement. */
    record EntryKey(String partition, String promptText) {}
}
