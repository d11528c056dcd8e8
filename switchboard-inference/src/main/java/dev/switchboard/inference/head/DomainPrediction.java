package dev.switchboard.inference.head;

import java.util.Map;

/**
 * The domain head's answer for one text.
 *
 * @param category      the most probable category
 * @param confidence    its probability
 * @param probabilities every category's probability (insertion order = head label order)
 */
public record DomainPrediction(String category, float confidence, Map<String, Float> probabilities) {

    public DomainPrediction {
        probabilities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probabilities));
    }
}
