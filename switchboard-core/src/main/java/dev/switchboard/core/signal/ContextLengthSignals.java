package dev.switchboard.core.signal;

import dev.switchboard.core.config.SignalsConfig.ContextLengthRule;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.request.ChatRequest;
import java.util.List;
import java.util.function.Supplier;

/** Context-length rules: fire when the estimated prompt token count lies in a rule's range. */
public final class ContextLengthSignals implements SignalExtractor {

    private final List<ContextLengthRule> rules;

    public ContextLengthSignals(List<ContextLengthRule> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public String type() {
        return "context_length";
    }

    @Override
    public void extract(ChatRequest request, Supplier<Encoding> encoding, SignalSet out) {
        long tokens = request.estimatedPromptTokens();
        for (ContextLengthRule rule : rules) {
            if (tokens >= rule.minTokens() && tokens <= rule.maxTokens()) {
                out.add("context_length", rule.name(), 1.0);
            }
        }
    }
}
