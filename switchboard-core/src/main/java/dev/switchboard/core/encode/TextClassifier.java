package dev.switchboard.core.encode;

import java.util.List;

/** A trained head over the shared {@link Encoding}: one cheap matrix product per request, no second model pass. */
public interface TextClassifier {

    Classification classify(Encoding encoding);

    /** The labels the head can return, in its output order. */
    List<String> labels();
}
