package dev.switchboard.core.encode;

import java.util.Map;

/**
 * A head's verdict.
 *
 * @param label         the most probable label
 * @param confidence    its probability
 * @param probabilities every label's probability, in the head's label order
 */
public record Classification(String label, double confidence, Map<String, Double> probabilities) {
    public Classification {
        probabilities = Map.copyOf(probabilities);
    }
}
