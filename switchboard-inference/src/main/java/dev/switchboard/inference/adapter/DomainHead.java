package dev.switchboard.inference.adapter;

import dev.switchboard.core.encode.Classification;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextClassifier;
import dev.switchboard.inference.head.DomainClassifier;
import dev.switchboard.inference.head.DomainPrediction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The trained domain head as the pipeline's {@link TextClassifier}. */
public final class DomainHead implements TextClassifier {

    private final DomainClassifier classifier;

    public DomainHead(DomainClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public Classification classify(String text, Encoding encoding) {
        DomainPrediction p = classifier.classify(text, encoding);
        Map<String, Double> probabilities = new LinkedHashMap<>();
        p.probabilities().forEach((label, probability) -> probabilities.put(label, (double) probability));
        return new Classification(p.category(), p.confidence(), probabilities);
    }

    @Override
    public List<String> labels() {
        return classifier.head().labels();
    }
}
