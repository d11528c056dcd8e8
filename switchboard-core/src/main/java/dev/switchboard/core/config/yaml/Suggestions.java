package dev.switchboard.core.config.yaml;

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

    /**
     * Optimal-string-alignment distance: Levenshtein plus adjacent transpositions, because swapped letters
     * ({@code qwne} for {@code qwen}) are among the commonest typos.
     */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
