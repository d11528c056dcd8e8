package dev.switchboard.core.plugin.cache;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second opinion on a semantic cache hit. Sentence embeddings see "convert 5 km to miles" and "convert 5 miles
 * to km", or "… 5 km …" and "… 6 km …", as near-identical; their answers are not. A hit above the similarity
 * threshold is only served when the two questions also carry the same numbers, the same negation, and — if they use
 * the same words — those words in a compatible order.
 */
public final class QuestionMatch {

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "don't", "doesn't",
            "isn't", "aren't", "can't", "cannot", "won't", "shouldn't", "didn't", "nor");
    private static final Set<String> STOP = Set.of("a", "an", "the", "to", "of", "in", "on", "for", "is", "are",
            "what", "how", "do", "does", "i", "you", "me", "my", "can", "please", "it", "and", "be", "with");

    private QuestionMatch() {}

    /** True when a cached answer to {@code cached} may answer {@code query}. */
    public static boolean compatible(String query, String cached) {
        String q = query.toLowerCase(Locale.ROOT);
        String c = cached.toLowerCase(Locale.ROOT);
        return numbers(q).equals(numbers(c)) && negated(q) == negated(c) && !reordered(words(q), words(c));
    }

    /** The numbers in {@code text} in order, thousands separators dropped ("1,000" and "1000" are one number). */
    public static List<String> numbers(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            out.add(m.group().replace(",", ""));
        }
        return out;
    }

    private static boolean negated(String text) {
        for (String token : text.split("\\s+")) {
            if (NEGATIONS.contains(token.replaceAll("[^a-z']", ""))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            if (!STOP.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }

    /**
     * Same content words, different order: "5 km miles" against "5 miles km". Word pairs in order are compared;
     * when nearly all words are shared but few of their ordered pairs are, the meaning was swapped.
     */
    private static boolean reordered(List<String> a, List<String> b) {
        Set<String> wordsA = new HashSet<>(a);
        Set<String> wordsB = new HashSet<>(b);
        if (wordsA.size() < 2 || !wordsA.equals(wordsB)) {
            return false;
        }
        Set<String> pairsA = orderedPairs(a);
        Set<String> pairsB = orderedPairs(b);
        long shared = pairsA.stream().filter(pairsB::contains).count();
        return shared < pairsA.size();
    }

    /** Every (earlier word, later word) pair. */
    private static Set<String> orderedPairs(List<String> words) {
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < words.size(); i++) {
            for (int j = i + 1; j < words.size(); j++) {
                pairs.add(words.get(i) + " " + words.get(j));
            }
        }
        return pairs;
    }
}
