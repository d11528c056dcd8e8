package dev.switchboard.core.cache;

/**
 * Monotonic counters of entries a store removed by itself, since it was created.
 *
 * <p>For a store shared by several processes these count only what this process removed.
 *
 * @param evictions entries removed to stay within capacity (least recently used first)
 * @param expirations entries removed because their {@code expiresAt} had passed
 */
public record StoreStats(long evictions, long expirations) {}
