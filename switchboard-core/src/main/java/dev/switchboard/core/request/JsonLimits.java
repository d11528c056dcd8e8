package dev.switchboard.core.request;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * How much structure one request body may hold, enforced by Jackson while it reads ({@link StreamReadConstraints}),
 * so that a hostile body fails fast with a 400 instead of costing stack, memory or CPU further down.
 *
 * <p>The numbers leave room for every real OpenAI request: a JSON Schema in a tool definition nests a few dozen
 * levels at most, and no field the API defines needs a number longer than a 64-bit integer or a double.
 */
public final class JsonLimits {

    /** Deepest nesting of arrays and objects; OpenAI's own bodies stay under ten, tool schemas under a few dozen. */
    public static final int MAX_NESTING_DEPTH = 128;
    /** Longest number literal, in characters: a long has 19 digits, a double's shortest form about 24. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Longest field name, in characters. */
    public static final int MAX_NAME_LENGTH = 1024;

    private JsonLimits() {}

    /** The constraints for bodies of at most {@code maxDocumentBytes}; a string may fill the whole body. */
    static StreamReadConstraints constraints(long maxDocumentBytes) {
        int maxString = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxDocumentBytes));
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxStringLength(maxString)
                .maxDocumentLength(maxDocumentBytes)
                .build();
    }
}
