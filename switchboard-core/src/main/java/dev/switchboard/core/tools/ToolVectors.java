package dev.switchboard.core.tools;

/**
 * The embedded views of one tool: its whole text ({@link ToolTexts#text}), its name in words, and its description,
 * each twice — as the encoder pools it (the sentence embedding) and as the mean of its content tokens' states
 * ({@link TokenMean}). A request names a tool's topic in a word or two more often than it paraphrases the
 * description, so each view is compared with the request on its own ({@link ToolScorer}); the token mean weighs
 * every word alike where the pooled embedding leans on the sentence's gist.
 */
public record ToolVectors(float[] text, float[] name, float[] description, float[] textTokens, float[] nameTokens,
                          float[] descriptionTokens) {

    /** Views whose token means are not known apart from their embeddings (tests, hand-built vectors). */
    public ToolVectors(float[] text, float[] name, float[] description) {
        this(text, name, description, text, name, description);
    }
}
