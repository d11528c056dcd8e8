package dev.switchboard.inference.ner;

import dev.switchboard.core.guard.pii.PiiType;
import java.util.ArrayList;
import java.util.List;

/**
 * The entity head's per-token labels in BIO form: {@code O}, then {@code B-} (first token of an entity) and
 * {@code I-} (a later token) for each type. Separate B and I labels let two names side by side ("Anna, Ben") stay
 * two spans.
 */
public final class EntityLabels {

    /** Types the head finds; the structured recognizers find the rest. */
    public static final List<PiiType> TYPES =
            List.of(PiiType.PERSON, PiiType.LOCATION, PiiType.ORGANIZATION, PiiType.ADDRESS);
    public static final String OUTSIDE = "O";
    /** Every label in head order: O, B-PERSON, I-PERSON, B-LOCATION, ... */
    public static final List<String> ALL = all();

    private EntityLabels() {}

    private static List<String> all() {
        List<String> labels = new ArrayList<>();
        labels.add(OUTSIDE);
        for (PiiType type : TYPES) {
            labels.add("B-" + type.name());
            labels.add("I-" + type.name());
        }
        return List.copyOf(labels);
    }

    /** Index of the B label of {@code type}. */
    public static int begin(PiiType type) {
        return 1 + 2 * TYPES.indexOf(type);
    }

    /** Index of the I label of {@code type}. */
    public static int inside(PiiType type) {
        return begin(type) + 1;
    }

    /** The type a label index stands for, or null for O. */
    public static PiiType typeOf(int label) {
        return label == 0 ? null : TYPES.get((label - 1) / 2);
    }

    public static boolean isBegin(int label) {
        return label > 0 && (label - 1) % 2 == 0;
    }
}
