package dev.switchboard.core.plugin.cache.verify;

import dev.switchboard.core.plugin.cache.QuestionMatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of one question as the verifier compares them: lower-cased content words (light stemming, function
 * words dropped), numbers, and the words that often flip an answer while barely moving an embedding — negations,
 * units, directions, and names (capitalised or mixed-case words, words with digits).
 */
record Words(List<String> content, List<String> numbers, boolean negated, Set<String> units, Set<String> directions,
             Set<String> names, int length) {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'+#.-]*");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "without", "don't", "doesn't",
            "isn't", "aren't", "can't", "cannot", "won't", "shouldn't", "didn't", "nor", "wasn't", "weren't",
            "dont", "doesnt", "isnt", "cant", "wont", "didnt", "neither", "none", "nothing");
    private static final Set<String> STOP = Set.of("a", "an", "the", "to", "of", "in", "on", "for", "is", "are",
            "was", "were", "what", "what's", "whats", "how", "do", "does", "did", "i", "you", "me", "my", "can",
            "could", "would", "should", "please", "it", "its", "it's", "and", "or", "be", "with", "at", "by", "this",
            "that", "there", "which", "way", "ways", "best", "some", "any", "tell", "explain", "know", "want",
            "need", "someone", "one", "get", "i'm", "im", "your", "we", "our", "us", "if", "so", "just", "about",
            "hey", "hi", "hello", "thanks", "quick", "question", "help", "easiest", "simple", "possible",
            "will", "has", "have", "having", "am", "been", "being", "from", "into", "as", "than", "then", "also",
            "really", "actually", "like", "go", "going", "give", "show", "let", "let's");
    private static final Set<String> UNITS = Set.of("km", "kilometer", "kilometers", "kilometre", "kilometres",
            "mile", "miles", "m", "meter", "meters", "metre", "metres", "cm", "mm", "inch", "inches", "foot", "feet",
            "ft", "yard", "yards", "kg", "kilogram", "kilograms", "g", "gram", "grams", "lb", "lbs", "pound",
            "pounds", "ounce", "ounces", "oz", "celsius", "fahrenheit", "kelvin", "c", "f", "liter", "liters",
            "litre", "litres", "l", "ml", "gallon", "gallons", "cup", "cups", "second", "seconds", "minute",
            "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "usd",
            "eur", "euro", "euros", "dollar", "dollars", "gbp", "yen", "mb", "gb", "tb", "kb", "byte", "bytes",
            "bit", "bits", "percent", "%", "mph", "kmh", "watt", "watts", "kw", "kwh", "volt", "volts");
    private static final Set<String> DIRECTIONS = Set.of("to", "from", "into", "up", "down", "increase", "decrease",
            "before", "after", "max", "min", "maximum", "minimum", "buy", "sell", "import", "export", "upload",
            "download", "enable", "disable", "add", "remove", "install", "uninstall", "encrypt", "decrypt", "encode",
            "decode", "start", "stop", "open", "close", "lock", "unlock", "push", "pull", "left", "right", "north",
            "south", "east", "west", "above", "below", "more", "less", "most", "least", "first", "last", "higher",
            "lower", "faster", "slower", "cheaper", "better", "worse", "vs", "versus", "over", "under", "inside",
            "outside", "on", "off", "compress", "decompress", "zip", "unzip", "show", "hide", "ascending",
            "descending", "uppercase", "lowercase", "sort", "reverse", "merge", "split", "join", "send", "receive");

    /** True for a lower-cased word that carries no topic of its own ("how", "the", "can"); negations carry one. */
    static boolean isFunctionWord(String word) {
        return STOP.contains(word);
    }

    /** Splits and classifies {@code text}. */
    static Words of(String text) {
        List<String> content = new ArrayList<>();
        Set<String> units = new LinkedHashSet<>();
        Set<String> directions = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        boolean negated = false;
        int length = 0;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String raw = trimDots(m.group());
            String word = raw.toLowerCase(Locale.ROOT);
            length++;
            negated |= NEGATIONS.contains(word) || word.endsWith("n't");
            if (UNITS.contains(word)) {
                units.add(word.length() > 2 && word.endsWith("s") ? word.substring(0, word.length() - 1) : word);
            }
            if (DIRECTIONS.contains(word)) {
                directions.add(word);
            }
            if (m.start() > 0 && isName(raw)) {
                names.add(word);
            }
            if (!STOP.contains(word) && !NEGATIONS.contains(word)) {
                content.add(stem(word));
            }
        }
        return new Words(content, QuestionMatch.numbers(text), negated, units, directions, names, length);
    }

    private static String trimDots(String word) {
        int end = word.length();
        while (end > 1 && ".-'".indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        return word.substring(0, end);
    }

    /** Capitalised after the first word, mixed case (iPhone, macOS) or letters with digits (GPT4, S3). */
    private static boolean isName(String raw) {
        boolean upperInside = false;
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            upperInside |= i > 0 && Character.isUpperCase(c);
            digit |= Character.isDigit(c);
            letter |= Character.isLetter(c);
        }
        return Character.isUpperCase(raw.charAt(0)) || upperInside || (digit && letter);
    }

    /** Plural and possessive endings only: enough to align "files" with "file", cheap and predictable. */
    static String stem(String word) {
        String w = word.endsWith("'s") ? word.substring(0, word.length() - 2) : word;
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
