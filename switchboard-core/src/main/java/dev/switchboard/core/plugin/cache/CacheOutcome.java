package dev.switchboard.core.plugin.cache;

import dev.switchboard.core.cache.CacheHit;

/**
 * The cache's part in a plan: a hit to answer from, or a ticket to store the upstream's answer with.
 *
 * @param ticket       the request's cache identity
 * @param hit          the answer to serve, or null on a miss
 * @param lookupNanos  time spent looking up
 */
public record CacheOutcome(CacheTicket ticket, CacheHit hit, long lookupNanos) {

    public boolean isHit() {
        return hit != null;
    }
}
