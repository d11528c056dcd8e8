package dev.switchboard.core.cache;

import java.util.Objects;

/**
 * How many entries one partition holds.
 *
 * @param partition the partition name
 * @param entries entries held, including expired ones not yet purged
 */
public record PartitionStats(String partition, long entries) {

    public PartitionStats {
        Objects.requireNonNull(partition, "partition");
    }
}
