package dev.switchboard.core.plan;

import dev.switchboard.core.config.ModelConfig;

/**
 * One model a plan may send the request to, with the reasoning mode the decision wants for it.
 *
 * @param useReasoning on, off, or null to leave the client's request alone
 */
public record RouteTarget(ModelConfig model, Boolean useReasoning, String reasoningEffort) {

    /** {@code on}, {@code off} or {@code unset}: the value of {@code x-vsr-selected-reasoning}. */
    public String reasoningLabel() {
        return useReasoning == null ? "unset" : useReasoning ? "on" : "off";
    }
}
