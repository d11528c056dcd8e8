package dev.switchboard.server.dashboard;

import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.listener.UpstreamAnswer;
import java.util.List;

/**
 * What a request cost at the configured prices, and what it saved against the most expensive model its decision
 * could have sent it to (the "always call the big model" baseline), for the same tokens.
 */
record Costs(double actual, double saved) {

    static final Costs NONE = new Costs(0, 0);

    /** @param candidates the decision's models, or null when no decision matched */
    static Costs of(UpstreamAnswer upstream, List<ModelConfig> candidates) {
        if (upstream == null || !upstream.hasUsage()) {
            return NONE;
        }
        long in = upstream.promptTokens();
        long out = upstream.completionTokens();
        double actual = upstream.target().model().pricing().cost(in, out);
        double dearest = candidates == null ? actual
                : candidates.stream().mapToDouble(m -> m.pricing().cost(in, out)).max().orElse(actual);
        return new Costs(actual, Math.max(0, dearest - actual));
    }
}
