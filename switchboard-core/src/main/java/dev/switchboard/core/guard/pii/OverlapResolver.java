package dev.switchboard.core.guard.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        // the winners never overlap, so a candidate need only be checked against its neighbours by start offset:
        // O(n log n), where comparing with every winner was quadratic (minutes on a 4 MiB run of digits)
        TreeMap<Integer, PiiSpan> kept = new TreeMap<>();
        for (PiiSpan candidate : byPriority) {
            Map.Entry<Integer, PiiSpan> before = kept.floorEntry(candidate.start());
            Map.Entry<Integer, PiiSpan> after = kept.ceilingEntry(candidate.start());
            if ((before == null || !candidate.overlaps(before.getValue()))
                    && (after == null || !candidate.overlaps(after.getValue()))) {
                kept.put(candidate.start(), candidate);
            }
        }
        return List.copyOf(kept.values());
    }
}
