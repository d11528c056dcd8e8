package dev.switchboard.core.adapter;

import dev.switchboard.core.request.ApiException;

/**
 * Reads {@code x-vsr-cache-min-similarity}: a client may ask for stricter semantic hits for its request. The value
 * only ever raises the decision's {@code similarity_threshold} (the cache takes the larger), never lowers it.
 */
public final class CacheRequestHeaders {

    public static final String MIN_SIMILARITY = "x-vsr-cache-min-similarity";

    private CacheRequestHeaders() {}

    /**
     * The requested minimum, or null when the header is absent; a bad value is the client's error.
     *
     * @param value the header's value, or null
     */
    public static Double minSimilarity(String value) {
        if (value == null) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(400, "invalid_request_error", "invalid_header", MIN_SIMILARITY,
                "Header '" + MIN_SIMILARITY + "' must be a number between 0 and 1, e.g. 0.95.");
    }
}
