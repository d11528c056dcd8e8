package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.GuardSettings.MlBudget;
import java.util.Set;

/** Reads {@code guards.ml_budget}: every limit in a range, {@code on_exceeded} one of flag | refuse. */
final class MlBudgetReader {

    static final Set<String> KEYS = Set.of("max_text_tokens", "max_request_tokens", "max_passes", "max_texts",
            "on_exceeded", "max_pattern_chars");
    private static final int MAX_TOKENS = 1 << 20;

    private MlBudgetReader() {}

    static MlBudget read(ConfigNode node) {
        node.rejectUnknown(KEYS);
        MlBudget defaults = MlBudget.DEFAULTS;
        int textTokens = ranged(node, "max_text_tokens", defaults.maxTextTokens(), 16, MAX_TOKENS,
                "a longer text is read as its first and last halves");
        int requestTokens = ranged(node, "max_request_tokens", defaults.maxRequestTokens(), 16, MAX_TOKENS,
                "tokens the guards' encoder passes may encode per request");
        int passes = ranged(node, "max_passes", defaults.maxPasses(), 1, 4096,
                "each pass is one encoder window of at most encoder.max_tokens");
        int texts = ranged(node, "max_texts", defaults.maxTexts(), 1, 100_000,
                "texts a guard head reads with the encoder per request");
        int patternChars = ranged(node, "max_pattern_chars", defaults.maxPatternChars(), 1024, Integer.MAX_VALUE,
                "characters the structured PII recognizers read per request; a longer text is read as head + tail");
        return new MlBudget(textTokens, requestTokens, passes, texts,
                node.enumOr("on_exceeded", MlBudget.OnExceeded.class, defaults.onExceeded()), patternChars);
    }

    private static int ranged(ConfigNode node, String key, int fallback, int min, int max, String hint) {
        int value = node.intOr(key, fallback);
        return node.check(value >= min && value <= max, key, "`" + key + "` " + value + " is outside " + min + ".."
                + max, hint) ? value : fallback;
    }
}
