package dev.switchboard.core.plugin.cache;

import java.time.Duration;

/**
 * What a planned request needs to be answered from, or stored into, the cache.
 *
 * @param partition   where answers to this request live ({@link CacheKeys#partition})
 * @param promptText  the latest user message
 * @param embedding   its normalized embedding, from the request's one encoder pass; null until a lookup needed it
 * @param ttl         how long a stored answer stays servable
 * @param tokenSketch what the hit verifier keeps of the question's token states; null until a lookup needed it
 * @param minSimilarity the least cosine similarity a semantic candidate needs for this request
 */
public record CacheTicket(String partition, String promptText, float[] embedding, Duration ttl, byte[] tokenSketch,
                          double minSimilarity) {

    /** A ticket before any lookup, with the default candidate similarity. */
    public CacheTicket(String partition, String promptText, float[] embedding, Duration ttl) {
        this(partition, promptText, embedding, ttl, null, 0.0);
    }

    /** This ticket with the question's encoding, once a lookup computed it. */
    CacheTicket withQuestion(float[] vector, byte[] sketch) {
        return new CacheTicket(partition, promptText, vector, ttl, sketch, minSimilarity);
    }

    /** This ticket with a similarity floor: the larger of the decision's and the request's. */
    public CacheTicket withMinSimilarity(double decisionFloor, Double requested) {
        return new CacheTicket(partition, promptText, embedding, ttl, tokenSketch,
                requested == null ? decisionFloor : Math.max(decisionFloor, requested));
    }
}
