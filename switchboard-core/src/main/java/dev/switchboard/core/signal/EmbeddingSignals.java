package dev.switchboard.core.signal;

import dev.switchboard.core.config.SignalsConfig.EmbeddingRule;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.request.ChatRequest;
import java.util.List;
import java.util.function.Supplier;

/**
 * Embedding rules: fire {@code embedding:<rule>} when the latest user message is close in meaning to a rule's
 * candidate phrases. The candidates are embedded once, here, when the config loads; a request costs one dot
 * product per candidate on the shared encoding.
 */
public final class EmbeddingSignals implements SignalExtractor {

    public static final String TYPE = "embedding";

    private record CompiledRule(EmbeddingRule rule, List<float[]> candidates) {}

    private final List<CompiledRule> rules;

    public EmbeddingSignals(List<EmbeddingRule> rules, TextEncoder encoder) {
        this.rules = rules.stream()
                .map(r -> new CompiledRule(r, r.candidates().stream().map(c -> encoder.encode(c).embedding()).toList()))
                .toList();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void extract(ChatRequest request, Supplier<Encoding> encoding, SignalSet out) {
        if (rules.isEmpty() || request.userText().isBlank()) {
            return;
        }
        float[] text = encoding.get().embedding();
        for (CompiledRule compiled : rules) {
            double score = score(compiled, text);
            if (score >= compiled.rule().threshold()) {
                out.add(TYPE, compiled.rule().name(), score);
            }
        }
    }

    /** The rule's similarity to {@code text}: the best candidate's, or the mean over candidates. */
    private static double score(CompiledRule compiled, float[] text) {
        double best = -1;
        double sum = 0;
        for (float[] candidate : compiled.candidates()) {
            double similarity = Encoding.cosine(candidate, text);
            best = Math.max(best, similarity);
            sum += similarity;
        }
        return compiled.rule().aggregation() == EmbeddingRule.Aggregation.MEAN
                ? sum / compiled.candidates().size() : best;
    }
}
