package dev.switchboard.core.config;

import java.util.List;

/**
 * Named signal rules that decisions refer to.
 *
 * @param keywords      keyword rules over the user text
 * @param contextLength token-count ranges over the whole prompt
 */
public record SignalsConfig(List<KeywordRule> keywords, List<ContextLengthRule> contextLength) {

    public static final SignalsConfig EMPTY = new SignalsConfig(List.of(), List.of());

    public SignalsConfig {
        keywords = List.copyOf(keywords);
        contextLength = List.copyOf(contextLength);
    }

    /**
     * Matches when any (or all) keywords occur as whole words in the user text.
     *
     * @param operator {@code ANY} or {@code ALL}
     */
    public record KeywordRule(String name, List<String> keywords, Operator operator, boolean caseSensitive) {
        public KeywordRule {
            keywords = List.copyOf(keywords);
        }

        public enum Operator { ANY, ALL }
    }

    /** Matches when the estimated prompt token count lies in {@code [minTokens, maxTokens]}. */
    public record ContextLengthRule(String name, long minTokens, long maxTokens) {}
}
