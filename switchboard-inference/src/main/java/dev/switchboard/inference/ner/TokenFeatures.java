package dev.switchboard.inference.ner;

import java.util.Locale;
import java.util.Set;

/**
 * Cheap surface features of each token, appended to its contextual state: the encoder is uncased, so whether a
 * word is capitalised — the strongest clue to a name in well-written text — is invisible to it. A feature for
 * "the whole text is lower case" lets the head learn to ignore case where the writer did.
 */
final class TokenFeatures {

    static final int WIDTH = 26;
    /** Index of "the word is all capitals" (read by training to skip unmarked acronyms). */
    static final int ALL_CAPS = 3;
    /** Index of "the word is capitalised and not at a sentence start" (a name, if anything is). */
    static final int CAPITALISED_INSIDE_SENTENCE = 15;

    private static final Set<String> HONORIFICS =
            Set.of("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "mx", "mr.", "mrs.", "ms.", "dr.", "prof.");

    // Words that are almost never part of a name; the uncased encoder otherwise tags "they" or "and" in a list.
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "and", "or", "but", "of", "in", "on",
            "at", "to", "from", "for", "with", "by", "about", "as", "is", "are", "was", "were", "be", "been", "it",
            "its", "he", "she", "they", "we", "you", "i", "me", "my", "your", "his", "her", "their", "our", "this",
            "that", "these", "those", "there", "here", "what", "which", "who", "whom", "how", "why", "when", "where",
            "do", "does", "did", "can", "could", "will", "would", "should", "may", "might", "must", "not", "no",
            "yes", "so", "if", "then", "than", "too", "very", "just", "also", "please", "thanks", "hi", "hello",
            "hey", "dear", "ok", "okay", "up", "out", "into", "over", "after", "before", "while", "because", "some",
            "any", "all", "each", "every", "more", "most", "other", "such", "only", "own", "same", "new", "old",
            "i'm", "i'll", "i've", "i'd", "it's", "that's", "don't", "can't", "won't", "didn't", "isn't", "he's",
            "she's", "we're", "they're", "you're", "let's", "what's", "there's", "here's");
    private static final Set<String> ORGANIZATION_SUFFIXES = Set.of("inc", "ltd", "llc", "gmbh", "corp",
            "corporation", "co", "company", "group", "plc", "ag", "sa", "bv", "nv", "limited", "incorporated",
            "partners", "associates", "holdings", "sons", "foundation", "university", "bank", "hospital");
    private static final Set<String> ADDRESS_WORDS = Set.of("street", "st", "avenue", "ave", "road", "rd",
            "boulevard", "blvd", "lane", "ln", "drive", "dr", "court", "ct", "suite", "apt", "apartment", "floor",
            "way", "place", "pl", "square", "sq", "highway", "hwy", "parkway", "pkwy", "straße", "strasse", "rue",
            "via", "calle", "box", "unit", "building");

    private TokenFeatures() {}

    /** Features of every token of an encoding; special tokens (empty spans) get only their own flag. */
    static float[][] of(String text, int[][] offsets) {
        float[][] features = new float[offsets.length][WIDTH];
        boolean lowerText = mostlyLowerCase(text);
        int previousEnd = -1;
        for (int i = 0; i < offsets.length; i++) {
            int start = offsets[i][0];
            int end = Math.min(offsets[i][1], text.length());
            float[] f = features[i];
            if (end <= start) {
                f[0] = 1;
                continue;
            }
            int wordStart = wordStart(text, start);
            int wordEnd = wordEnd(text, end);
            String word = text.substring(wordStart, wordEnd);
            boolean capitalised = startsUpper(word);
            boolean sentenceStart = sentenceStart(text, wordStart);
            f[1] = Character.isUpperCase(text.charAt(start)) ? 1 : 0;
            f[2] = capitalised ? 1 : 0;
            f[ALL_CAPS] = allCaps(word) ? 1 : 0;
            f[4] = hasDigit(text, start, end) ? 1 : 0;
            f[5] = allDigits(text, start, end) ? 1 : 0;
            f[6] = start == previousEnd && start > wordStart ? 1 : 0;
            f[7] = noLetterOrDigit(text, start, end) ? 1 : 0;
            f[8] = sentenceStart ? 1 : 0;
            String previous = previousWord(text, wordStart);
            f[9] = startsUpper(previous) ? 1 : 0;
            f[10] = startsUpper(nextWord(text, wordEnd)) ? 1 : 0;
            f[11] = lowerText ? 1 : 0;
            f[12] = HONORIFICS.contains(previous.toLowerCase(Locale.ROOT)) ? 1 : 0;
            f[13] = nonAscii(word) ? 1 : 0;
            f[14] = wordStart > 0 && precededByNewline(text, wordStart) ? 1 : 0;
            f[CAPITALISED_INSIDE_SENTENCE] = capitalised && !sentenceStart ? 1 : 0;
            String core = core(word);
            f[16] = FUNCTION_WORDS.contains(core) ? 1 : 0;
            f[17] = ORGANIZATION_SUFFIXES.contains(core) ? 1 : 0;
            f[18] = ADDRESS_WORDS.contains(core) ? 1 : 0;
            f[19] = ORGANIZATION_SUFFIXES.contains(core(nextWord(text, wordEnd))) ? 1 : 0;
            f[20] = Gazetteer.FIRST_NAMES.contains(core) ? 1 : 0;
            f[21] = Gazetteer.LAST_NAMES.contains(core) ? 1 : 0;
            f[22] = Gazetteer.PLACES.contains(core) ? 1 : 0;
            f[23] = Gazetteer.FIRST_NAMES.contains(core(previous)) ? 1 : 0;
            f[24] = previous.endsWith(",") || previous.endsWith(";") ? 1 : 0;
            f[25] = Gazetteer.ORGANIZATIONS.contains(core) ? 1 : 0;
            previousEnd = end;
        }
        return features;
    }

    /** Lower-cased word without edge punctuation. */
    private static String core(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && !Character.isLetterOrDigit(word.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(word.charAt(end - 1))) {
            end--;
        }
        return word.substring(start, end).toLowerCase(Locale.ROOT);
    }

    // A word is a run of non-space chars; surrounding punctuation stays out of the case checks below.
    static int wordStart(String text, int at) {
        while (at > 0 && !Character.isWhitespace(text.charAt(at - 1))) {
            at--;
        }
        return at;
    }

    static int wordEnd(String text, int at) {
        while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static String previousWord(String text, int wordStart) {
        int end = wordStart;
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end == 0 ? "" : text.substring(wordStart(text, end), end);
    }

    private static String nextWord(String text, int wordEnd) {
        int start = wordEnd;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        return start >= text.length() ? "" : text.substring(start, wordEnd(text, start));
    }

    private static boolean startsUpper(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetter(c)) {
                return Character.isUpperCase(c);
            }
        }
        return false;
    }

    private static boolean allCaps(String word) {
        int letters = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLetter(c)) {
                if (!Character.isUpperCase(c)) {
                    return false;
                }
                letters++;
            }
        }
        return letters >= 2;
    }

    private static boolean sentenceStart(String text, int wordStart) {
        int i = wordStart - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '\n') {
            i--;
        }
        return i < 0 || text.charAt(i) == '\n' || ".!?:\"".indexOf(text.charAt(i)) >= 0;
    }

    private static boolean precededByNewline(String text, int wordStart) {
        int i = wordStart - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i >= 0 && text.charAt(i) == '\n';
    }

    private static boolean hasDigit(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean allDigits(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean noLetterOrDigit(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean nonAscii(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) > 127 && Character.isLetter(word.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean mostlyLowerCase(String text) {
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                upper += Character.isUpperCase(c) ? 1 : 0;
            }
        }
        return letters > 0 && upper * 50 < letters;
    }
}
