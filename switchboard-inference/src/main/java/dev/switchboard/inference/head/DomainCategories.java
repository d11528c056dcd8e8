package dev.switchboard.inference.head;

import java.util.List;

/** The 14 MMLU-Pro categories the domain head predicts, in the order of its output layer. */
public final class DomainCategories {

    /** All categories, alphabetically (the order the shipped head uses). */
    public static final List<String> ALL = List.of("biology", "business", "chemistry", "computer science",
            "economics", "engineering", "health", "history", "law", "math", "other", "philosophy", "physics",
            "psychology");

    private DomainCategories() {}

    /** Number of categories. */
    public static int size() {
        return ALL.size();
    }
}
