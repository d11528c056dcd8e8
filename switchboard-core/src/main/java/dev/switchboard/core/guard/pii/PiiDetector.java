package dev.switchboard.core.guard.pii;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.ScanBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything the PII guard looks for: the {@link StructuredPiiDetector} plus, when configured, a recognizer for
 * names, places, organisations and addresses (the ML entity head). Overlaps resolve as in the structured detector
 * (longer span, then more confident), so a URL that contains a company name stays one URL. Thread-safe.
 */
public final class PiiDetector implements PiiRecognizer {

    private final PiiRecognizer entities;

    private PiiDetector(PiiRecognizer entities) {
        this.entities = entities;
    }

    /** The structured recognizers and {@code entities}. */
    public static PiiDetector withEntities(PiiRecognizer entities) {
        return new PiiDetector(entities);
    }

    @Override
    public List<PiiSpan> find(String text) {
        return merge(StructuredPiiDetector.create().find(text), entities.find(text));
    }

    @Override
    public List<PiiSpan> find(String text, Supplier<Encoding> encoding) {
        return merge(StructuredPiiDetector.create().find(text), entities.find(text, encoding));
    }

    /** The structured recognizers spend the budget's characters, the entity head its encoder passes. */
    @Override
    public List<PiiSpan> find(String text, Supplier<Encoding> encoding, ScanBudget budget) {
        return merge(StructuredPiiDetector.create().find(text, budget), entities.find(text, encoding, budget));
    }

    private static List<PiiSpan> merge(List<PiiSpan> structured, List<PiiSpan> named) {
        if (named.isEmpty()) {
            return structured;
        }
        List<PiiSpan> all = new ArrayList<>(structured);
        all.addAll(named);
        return OverlapResolver.resolve(all);
    }
}
