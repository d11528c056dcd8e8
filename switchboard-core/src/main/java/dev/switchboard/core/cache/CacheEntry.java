package dev.switchboard.core.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * One cached chat completion.
 *
 * <p>Arrays are not copied (entries are built once per cached response and can be large): callers must
 * not modify {@code embedding} or {@code response} after handing an entry to a store.
 *
 * @param partition scope the entry may be served in; the pipeline derives it from the decision, the
 *     model and a fingerprint of everything besides the user text (system prompt, earlier turns, tools,
 *     sampling parameters), so two requests only share answers when they differ in user text alone
 * @param promptText the user text, compared verbatim by {@link SemanticCacheStore#findExact}
 * @param embedding L2-normalized embedding of {@code promptText}; its length must equal the store's
 *     dimension
 * @param response the complete non-streaming chat completion JSON, as the upstream sent it
 * @param createdAt when the response was produced
 * @param expiresAt first instant at which the entry is no longer served
 * @param tokenSketch what the hit verifier needs of the question's token states
 *     ({@code dev.switchboard.core.plugin.cache.verify.TokenSketch}, at most 1,536 bytes); empty when unknown
 */
public record CacheEntry(
        String partition,
        String promptText,
        float[] embedding,
        byte[] response,
        Instant createdAt,
        Instant expiresAt,
        byte[] tokenSketch) {

    private static final byte[] NO_SKETCH = new byte[0];

    /** An entry without a token sketch (the verifier then aligns on words only). */
    public CacheEntry(String partition, String promptText, float[] embedding, byte[] response, Instant createdAt,
                      Instant expiresAt) {
        this(partition, promptText, embedding, response, createdAt, expiresAt, NO_SKETCH);
    }

    /** How far an embedding's squared norm may stray from 1 before it is rejected as not normalized. */
    private static final double NORM_TOLERANCE = 1e-2;

    public CacheEntry {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(promptText, "promptText");
        Objects.requireNonNull(embedding, "embedding");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        tokenSketch = tokenSketch == null ? NO_SKETCH : tokenSketch;
        if (expiresAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("expiresAt is before createdAt");
        }
        requireNormalized(embedding);
    }

    /** Describes the entry without its prompt text or response, which must never reach logs. */
    @Override
    public String toString() {
        return "CacheEntry[partition=" + partition + ", promptChars=" + promptText.length()
                + ", dimension=" + embedding.length + ", responseBytes=" + response.length
                + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
    }

    /** True when the entry must no longer be served at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Dot product of two vectors of equal length; for normalized vectors this is their cosine similarity. */
    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    // Stores rank by dot product, which equals cosine only for unit vectors: a caller that forgets to
    // normalize would get silently wrong hits, so fail loudly instead.
    static void requireNormalized(float[] vector) {
        if (vector.length == 0) {
            throw new IllegalArgumentException("embedding is empty");
        }
        double squaredNorm = dot(vector, vector);
        if (Math.abs(squaredNorm - 1.0) > NORM_TOLERANCE) {
            throw new IllegalArgumentException("embedding is not L2-normalized (squared norm " + squaredNorm + ")");
        }
    }
}
