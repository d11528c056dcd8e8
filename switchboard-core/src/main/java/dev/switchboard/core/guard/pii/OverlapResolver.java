package dev.switchboard.core.guard.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the overlapping candidates of many recognizers into one non-overlapping list. The longer span wins
 * because it explains more of the text (an e-mail beats the domain inside it, a date-time beats its date);
 * at equal length the more confident one wins (an SSN beats a weak phone match on the same digits). The entity
 * head uses it too, for the same entity seen by two windows of a long text.
 */
public final class OverlapResolver {

    private static final Comparator<PiiSpan> PRIORITY = Comparator.comparingInt(PiiSpan::length).reversed()
            .thenComparing(Comparator.comparingDouble(PiiSpan::confidence).reversed())
            .thenComparingInt(PiiSpan::start)
            .thenComparing(PiiSpan::type);

    private OverlapResolver() {}

    /** Returns the winners sorted by start offset. */
    public static List<PiiSpan> resolve(List<PiiSpan> candidates) {
        List<PiiSpan> byPriority = new ArrayList<>(candidates);
        byPriority.sort(PRIORITY);
        List<PiiSpan> kept = new ArrayList<>();
        for (PiiSpan candidate : byPriority) {
            if (kept.stream().noneMatch(candidate::overlaps)) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(PiiSpan::start));
        return List.copyOf(kept);
    }
}
