package dev.switchboard.core.signal;

import dev.switchboard.core.encode.Classification;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextClassifier;
import dev.switchboard.core.request.ChatRequest;
import java.util.function.Supplier;

/**
 * The domain signal: fires {@code domain:<category>} for the classifier's top category of the latest user
 * message, when its confidence reaches the configured threshold.
 */
public final class DomainSignals implements SignalExtractor {

    public static final String TYPE = "domain";

    private final TextClassifier classifier;
    private final double threshold;

    public DomainSignals(TextClassifier classifier, double threshold) {
        this.classifier = classifier;
        this.threshold = threshold;
    }

    public java.util.List<String> labels() {
        return classifier.labels();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void extract(ChatRequest request, Supplier<Encoding> encoding, SignalSet out) {
        if (request.userText().isBlank()) {
            return;
        }
        Classification c = classifier.classify(request.userText(), encoding.get());
        out.setClassification(TYPE, c);
        if (c.confidence() >= threshold) {
            out.add(TYPE, c.label(), c.confidence());
        }
    }
}
