package dev.switchboard.core.signal;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.request.ChatRequest;
import java.util.function.Supplier;

/**
 * Finds facts about a request; never chooses a model. ML extractors read the shared {@link Encoding}; the supplier
 * runs the encoder at most once per request, whichever extractor asks first.
 */
public interface SignalExtractor {

    void extract(ChatRequest request, Supplier<Encoding> encoding, SignalSet out);

    /** The signal type this extractor fires, e.g. {@code keyword}; also its latency metric label. */
    String type();
}
