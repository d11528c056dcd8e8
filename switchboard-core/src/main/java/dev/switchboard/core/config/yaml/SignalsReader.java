package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.SignalsConfig;
import dev.switchboard.core.config.SignalsConfig.ContextLengthRule;
import dev.switchboard.core.config.SignalsConfig.ComplexitySignal;
import dev.switchboard.core.config.SignalsConfig.DomainSignal;
import dev.switchboard.core.config.SignalsConfig.EmbeddingRule;
import dev.switchboard.core.config.SignalsConfig.KeywordRule;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Reads the {@code signals} section: the named rules that decisions refer to. */
final class SignalsReader {

    static final String KEYWORD = "keyword";
    static final String CONTEXT_LENGTH = "context_length";
    static final String DOMAIN = "domain";
    static final String EMBEDDING = "embedding";
    static final String COMPLEXITY = "complexity";

    static final Set<String> SIGNALS_KEYS = Set.of("keywords", "context_length", "domain", "embeddings",
            "complexity");
    static final Set<String> COMPLEXITY_KEYS = Set.of("router");
    static final Set<String> DOMAIN_KEYS = Set.of("head_path", "threshold");
    static final Set<String> EMBEDDING_KEYS = Set.of("name", "candidates", "threshold", "aggregation");
    static final Set<String> KEYWORD_KEYS = Set.of("name", "keywords", "operator", "case_sensitive");
    static final Set<String> CONTEXT_LENGTH_KEYS = Set.of("name", "min_tokens", "max_tokens");

    private SignalsReader() {}

    static SignalsConfig read(ConfigNode node) {
        node.rejectUnknown(SIGNALS_KEYS);
        List<ConfigNode> keywordItems = node.items("keywords");
        List<KeywordRule> keywords = keywordItems.stream().map(SignalsReader::keywordRule)
                .filter(Objects::nonNull).toList();
        UniqueNames.check(keywordItems, "keyword rule");
        List<ConfigNode> lengthItems = node.items("context_length");
        List<ContextLengthRule> lengths = lengthItems.stream().map(SignalsReader::contextLengthRule)
                .filter(Objects::nonNull).toList();
        UniqueNames.check(lengthItems, "context_length rule");
        List<ConfigNode> embeddingItems = node.items("embeddings");
        List<EmbeddingRule> embeddings = embeddingItems.stream().map(SignalsReader::embeddingRule)
                .filter(Objects::nonNull).toList();
        UniqueNames.check(embeddingItems, "embedding rule");
        return new SignalsConfig(keywords, lengths, domain(node), embeddings, complexity(node));
    }

    /** {@code domain: {}} switches the classifier on with defaults; an absent key leaves it off. */
    private static DomainSignal domain(ConfigNode signals) {
        if (!signals.has("domain")) {
            return null;
        }
        ConfigNode node = signals.object("domain");
        node.rejectUnknown(DOMAIN_KEYS);
        double threshold = node.doubleOr("threshold", DomainSignal.DEFAULT_THRESHOLD);
        node.check(threshold >= 0 && threshold <= 1, "threshold", "`threshold` " + threshold + " is outside 0..1",
                "a minimum confidence, e.g. 0.3");
        return new DomainSignal(node.stringOr("head_path", null), threshold);
    }

    /** {@code complexity: {router: DIR}}; absent leaves it off. */
    private static ComplexitySignal complexity(ConfigNode signals) {
        if (!signals.has("complexity")) {
            return null;
        }
        ConfigNode node = signals.object("complexity");
        node.rejectUnknown(COMPLEXITY_KEYS);
        String router = node.string("router");
        return router == null || !RouterDirs.check(node, "router", router) ? null : new ComplexitySignal(router);
    }

    private static EmbeddingRule embeddingRule(ConfigNode node) {
        if (!node.expectObject("an embedding rule")) {
            return null;
        }
        node.rejectUnknown(EMBEDDING_KEYS);
        String name = node.string("name");
        List<String> candidates = node.stringList("candidates", List.of());
        node.check(!candidates.isEmpty() || node.has("candidates") && !node.child("candidates").isEmptyList(),
                "candidates", "an embedding rule needs at least one candidate phrase",
                "e.g. candidates: [\"I want a refund\", \"how do I get my money back\"]");
        double threshold = node.doubleOr("threshold", 0.75);
        node.check(threshold >= -1 && threshold <= 1, "threshold", "`threshold` " + threshold
                + " is outside -1..1", "a cosine similarity, e.g. 0.75");
        EmbeddingRule.Aggregation aggregation = node.enumOr("aggregation", EmbeddingRule.Aggregation.class,
                EmbeddingRule.Aggregation.MAX);
        return new EmbeddingRule(name, candidates, threshold, aggregation);
    }

    private static KeywordRule keywordRule(ConfigNode node) {
        if (!node.expectObject("a keyword rule")) {
            return null;
        }
        node.rejectUnknown(KEYWORD_KEYS);
        String name = node.string("name");
        List<String> keywords = node.stringList("keywords", List.of());
        node.check(!keywords.isEmpty() || node.has("keywords") && !node.child("keywords").isEmptyList(),
                "keywords", "a keyword rule needs at least one keyword", "e.g. keywords: [integral, derivative]");
        KeywordRule.Operator operator = node.enumOr("operator", KeywordRule.Operator.class, KeywordRule.Operator.ANY);
        boolean caseSensitive = node.boolOr("case_sensitive", false);
        return new KeywordRule(name, keywords, operator, caseSensitive);
    }

    private static ContextLengthRule contextLengthRule(ConfigNode node) {
        if (!node.expectObject("a context_length rule")) {
            return null;
        }
        node.rejectUnknown(CONTEXT_LENGTH_KEYS);
        String name = node.string("name");
        long min = node.longOr("min_tokens", 0);
        node.check(min >= 0, "min_tokens", "`min_tokens` must not be negative", null);
        long max = node.longOr("max_tokens", Long.MAX_VALUE);
        node.check(max >= min, "max_tokens", "`max_tokens` (" + max + ") is below `min_tokens` (" + min + ")", null);
        return new ContextLengthRule(name, min, max);
    }
}
