package dev.switchboard.core.plugin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.ReasoningFamily;

/**
 * Switches reasoning on or off the way each model family expects. A null {@code useReasoning} leaves the client's
 * request as it is.
 */
public final class ReasoningRewriter {

    private ReasoningRewriter() {}

    public static void apply(ObjectNode body, ReasoningFamily family, Boolean useReasoning, String effort) {
        if (useReasoning == null) {
            return;
        }
        switch (family) {
            case QWEN3 -> templateKwargs(body).put("enable_thinking", useReasoning);
            case DEEPSEEK -> templateKwargs(body).put("thinking", useReasoning);
            // gpt-oss cannot switch reasoning off; "low" is the closest it gets.
            case GPT_OSS -> body.put("reasoning_effort", useReasoning ? (effort == null ? "medium" : effort) : "low");
            case NONE -> { }
        }
    }

    private static ObjectNode templateKwargs(ObjectNode body) {
        return body.get("chat_template_kwargs") instanceof ObjectNode existing
                ? existing : body.putObject("chat_template_kwargs");
    }
}
