package dev.switchboard.core.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * BM25 over one tool set's texts (name in words, description, parameters): the lexical half of a tool's relevance.
 * Nothing is learned and nothing depends on the tools of any data set, so it holds for tool sets never seen before;
 * it catches what the dense similarity blurs (a tool name or a rare word the request repeats: "SQL", "petrol",
 * "surf"). Built once per tool set (a few milliseconds for 200 tools) and remembered with the set's embeddings.
 * Immutable, so thread-safe.
 */
public final class LexicalIndex {

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final Set<String> STOPWORDS = Set.of("a", "an", "the", "and", "or", "of", "to", "in", "on",
            "for", "with", "by", "at", "from", "is", "are", "be", "it", "its", "this", "that", "these", "can", "you",
            "your", "me", "my", "i", "we", "our", "us", "do", "does", "what", "which", "how", "please", "want",
            "would", "could", "will", "about", "some", "any", "as", "if", "so", "into", "get", "use", "help", "tool");

    private final List<Map<String, Integer>> termCounts = new ArrayList<>();
    private final int[] lengths;
    private final Map<String, Double> idf = new HashMap<>();
    private final double meanLength;

    private LexicalIndex(List<String> texts) {
        lengths = new int[texts.size()];
        Map<String, Integer> documentFrequency = new HashMap<>();
        long total = 0;
        for (int d = 0; d < texts.size(); d++) {
            Map<String, Integer> counts = new HashMap<>();
            List<String> terms = terms(texts.get(d));
            terms.forEach(t -> counts.merge(t, 1, Integer::sum));
            counts.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            termCounts.add(counts);
            lengths[d] = terms.size();
            total += terms.size();
        }
        meanLength = texts.isEmpty() ? 1 : Math.max(1, (double) total / texts.size());
        int n = texts.size();
        documentFrequency.forEach((t, df) -> idf.put(t, Math.log(1 + (n - df + 0.5) / (df + 0.5))));
    }

    /** The index of {@code texts}, one document each, in order. */
    public static LexicalIndex of(List<String> texts) {
        return new LexicalIndex(texts);
    }

    /** BM25 of every document against {@code query}, in document order; 0 where no query term occurs. */
    public double[] scores(String query) {
        double[] scores = new double[lengths.length];
        for (String term : new LinkedHashSet<>(terms(query))) {
            Double weight = idf.get(term);
            if (weight == null) {
                continue;
            }
            for (int d = 0; d < scores.length; d++) {
                Integer tf = termCounts.get(d).get(term);
                if (tf != null) {
                    double norm = K1 * (1 - B + B * lengths[d] / meanLength);
                    scores[d] += weight * tf * (K1 + 1) / (tf + norm);
                }
            }
        }
        return scores;
    }

    /**
     * The terms of a text: identifiers split into words ({@code getWeather}, {@code get_weather}), lower case,
     * letters and digits only, stop words dropped, plural and -ing/-ed endings cut so "prices" meets "price".
     */
    static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        for (String word : ToolTexts.words(text).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 1 && !STOPWORDS.contains(word)) {
                terms.add(stem(word));
            }
        }
        return terms;
    }

    private static String stem(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 5 && word.endsWith("ing")) {
            return word.substring(0, word.length() - 3);
        }
        if (word.length() > 4 && word.endsWith("ed")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
