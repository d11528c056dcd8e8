package dev.switchboard.core.signal;

import dev.switchboard.core.config.SignalsConfig.KeywordRule;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.request.ChatRequest;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Keyword rules: a rule fires when any (or all) of its keywords occur as whole words in the latest user text. */
public final class KeywordSignals implements SignalExtractor {

    private record CompiledRule(String name, List<Pattern> patterns, boolean all) {
        boolean matches(String text) {
            return all ? patterns.stream().allMatch(p -> p.matcher(text).find())
                       : patterns.stream().anyMatch(p -> p.matcher(text).find());
        }
    }

    private final List<CompiledRule> rules;

    public KeywordSignals(List<KeywordRule> rules) {
        this.rules = rules.stream().map(KeywordSignals::compile).toList();
    }

    private static CompiledRule compile(KeywordRule rule) {
        int flags = rule.caseSensitive() ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        // Word boundaries only where the keyword starts/ends with a word character, so "c++" and "$" still match.
        List<Pattern> patterns = rule.keywords().stream()
                .map(k -> Pattern.compile(boundary(k.charAt(0)) + Pattern.quote(k)
                        + boundary(k.charAt(k.length() - 1)), flags))
                .toList();
        return new CompiledRule(rule.name(), patterns, rule.operator() == KeywordRule.Operator.ALL);
    }

    private static String boundary(char c) {
        return Character.isLetterOrDigit(c) || c == '_' ? "\\b" : "";
    }

    @Override
    public String type() {
        return "keyword";
    }

    @Override
    public void extract(ChatRequest request, Supplier<Encoding> encoding, SignalSet out) {
        for (CompiledRule rule : rules) {
            if (rule.matches(request.userText())) {
                out.add("keyword", rule.name(), 1.0);
            }
        }
    }
}
