package dev.switchboard.core.config;

import java.util.List;

/**
 * Named signal rules that decisions refer to.
 *
 * @param keywords      keyword rules over the user text
 * @param contextLength token-count ranges over the whole prompt
 * @param complexity    easy / medium / hard from a trained router, or null when off
 */
public record SignalsConfig(List<KeywordRule> keywords, List<ContextLengthRule> contextLength,
                            DomainSignal domain, List<EmbeddingRule> embeddings, ComplexitySignal complexity) {

    public static final SignalsConfig EMPTY = new SignalsConfig(List.of(), List.of(), null, List.of());

    public SignalsConfig {
        keywords = List.copyOf(keywords);
        contextLength = List.copyOf(contextLength);
        embeddings = List.copyOf(embeddings);
    }

    public SignalsConfig(List<KeywordRule> keywords, List<ContextLengthRule> contextLength) {
        this(keywords, contextLength, null, List.of());
    }

    public SignalsConfig(List<KeywordRule> keywords, List<ContextLengthRule> contextLength, DomainSignal domain,
                         List<EmbeddingRule> embeddings) {
        this(keywords, contextLength, domain, embeddings, null);
    }

    /** True when a signal needs the encoder. */
    public boolean needsEncoder() {
        return domain != null || !embeddings.isEmpty() || complexity != null;
    }

    /**
     * Fires {@code complexity:easy|medium|hard} from a router trained by {@code switchboard train router}: how
     * likely the router's cheaper models are to fail this prompt.
     *
     * @param routerPath the router directory
     */
    public record ComplexitySignal(String routerPath) {
        /** The levels it fires. */
        public static final List<String> LEVELS = List.of("easy", "medium", "hard");
    }

    /**
     * The domain classifier: fires {@code domain:<category>} for the top category of the latest user message.
     *
     * @param headPath  trained head weights; null uses the head bundled in the jar
     * @param threshold minimum confidence for the signal to fire (a decision's condition may ask for more)
     */
    public record DomainSignal(String headPath, double threshold) {
        public static final double DEFAULT_THRESHOLD = 0.3;

        /** The categories of the bundled head: the 14 MMLU-Pro domains. */
        public static final List<String> BUNDLED_CATEGORIES = List.of("biology", "business", "chemistry",
                "computer science", "economics", "engineering", "health", "history", "law", "math", "other",
                "philosophy", "physics", "psychology");
    }

    /**
     * Fires when the user text is close enough in meaning to the candidate phrases. Users add categories without
     * retraining anything; phrase embeddings are computed once, when the config loads.
     *
     * @param aggregation how the similarities to the candidates combine: the best one ({@code MAX}), their
     *                    average ({@code MEAN}), or {@code ANY} (fires if one reaches the threshold, confidence =
     *                    the best); MAX and ANY differ only in what a condition's own threshold compares against
     */
    public record EmbeddingRule(String name, List<String> candidates, double threshold, Aggregation aggregation) {
        public EmbeddingRule {
            candidates = List.copyOf(candidates);
        }

        public enum Aggregation { MAX, MEAN, ANY }
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
