package dev.switchboard.core.encode;

import java.util.List;

/**
 * A trained head over the shared {@link Encoding}: one cheap matrix product per request, no second model pass. The
 * text is passed too, for heads that add cheap lexical features to the embedding.
 */
public interface TextClassifier {

    Classification classify(String text, Encoding encoding);

    /** The labels the head can return, in its output order. */
    List<String> labels();
}
