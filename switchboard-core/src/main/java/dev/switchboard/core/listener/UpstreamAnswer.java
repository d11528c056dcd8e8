package dev.switchboard.core.listener;

import dev.switchboard.core.plan.RouteTarget;

/**
 * What the model that answered a request did.
 *
 * @param target           the model that answered, after any fallback
 * @param latencyNanos     from sending the request to the last byte of the answer
 * @param firstChunkNanos  from sending the request to the first streamed chunk; -1 when not streamed or empty
 * @param promptTokens     usage the upstream reported; -1 when it reported none
 * @param completionTokens usage the upstream reported; -1 when it reported none
 */
public record UpstreamAnswer(RouteTarget target, long latencyNanos, long firstChunkNanos, long promptTokens,
                             long completionTokens) {

    /** The upstream reported its token usage. */
    public boolean hasUsage() {
        return promptTokens >= 0 && completionTokens >= 0;
    }
}
