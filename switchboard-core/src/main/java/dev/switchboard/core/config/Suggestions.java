package dev.switchboard.core.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** "Did you mean ...?" hints for misspelt keys and names. */
final class Suggestions {

    /** Lists longer than this are cut short; a hint is not a manual. */
    private static final int MAX_LISTED = 12;

    private Suggestions() {}

    /**
     * A hint for an unknown {@code given} among {@code known}: the closest match if there is a plausible one,
     * followed by the known values, e.g. {@code did you mean `priority`? known keys: name, priority, rules}.
     */
    static String hint(String given, Collection<String> known, String noun) {
        if (known.isEmpty()) {
            return "no " + noun + " are defined";
        }
        String listing = "known " + noun + ": " + listing(known);
        return closest(given, known).map(match -> "did you mean `" + match + "`? " + listing).orElse(listing);
    }

    /** The known value a typo most likely meant, if any is close enough to be worth suggesting. */
    static Optional<String> closest(String given, Collection<String> known) {
        String bestMatch = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            // camelCase or kebab-case spellings of a snake_case key are the commonest "typo" of all
            if (normalize(candidate).equals(normalize(given))) {
                return Optional.of(candidate);
            }
            int distance = editDistance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                bestMatch = candidate;
            }
        }
        return bestDistance <= allowedDistance(given) ? Optional.of(bestMatch) : Optional.empty();
    }

    static String listing(Collection<String> known) {
        String shown = known.stream().sorted().limit(MAX_LISTED).collect(Collectors.joining(", "));
        return known.size() > MAX_LISTED ? shown + ", ..." : shown;
    }

    /** Short words get fewer edits, or every three-letter key would "match" every other. */
    private static int allowedDistance(String given) {
        return Math.max(1, Math.min(3, given.length() / 3));
    }

    private static String normalize(String key) {
        return key.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance with two rolling rows. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
