package dev.switchboard.inference.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded split of de-duplicated outcome rows, so that no prompt is on both sides.
 *
 * @param first  the first part (e.g. training)
 * @param second the rest (e.g. held out)
 */
public record OutcomeSplit(List<Outcome> first, List<Outcome> second) {

    /** Shuffles the de-duplicated rows with {@code seed} and puts {@code fraction} of them in {@link #first}. */
    public static OutcomeSplit of(List<Outcome> rows, double fraction, long seed) {
        List<Outcome> shuffled = new ArrayList<>(OutcomeFile.dedupe(rows));
        Collections.shuffle(shuffled, new Random(seed));
        int cut = (int) Math.round(shuffled.size() * fraction);
        return new OutcomeSplit(List.copyOf(shuffled.subList(0, cut)),
                List.copyOf(shuffled.subList(cut, shuffled.size())));
    }
}
