package dev.switchboard.core.plugin.cache;

import java.time.Duration;

/**
 * What a planned request needs to be answered from, or stored into, the cache.
 *
 * @param partition  where answers to this request live ({@link CacheKeys#partition})
 * @param promptText the latest user message
 * @param embedding  its normalized embedding, from the request's one encoder pass; null until a lookup needed it
 * @param ttl        how long a stored answer stays servable
 */
public record CacheTicket(String partition, String promptText, float[] embedding, Duration ttl) {

    CacheTicket withEmbedding(float[] vector) {
        return new CacheTicket(partition, promptText, vector, ttl);
    }
}
