package dev.switchboard.core.config;

import dev.switchboard.core.config.SignalsConfig.ContextLengthRule;
import dev.switchboard.core.config.SignalsConfig.KeywordRule;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Reads the {@code signals} section: the named rules that decisions refer to. */
final class SignalsReader {

    static final String KEYWORD = "keyword";
    static final String CONTEXT_LENGTH = "context_length";

    static final Set<String> SIGNALS_KEYS = Set.of("keywords", "context_length");
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
        return new SignalsConfig(keywords, lengths);
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
