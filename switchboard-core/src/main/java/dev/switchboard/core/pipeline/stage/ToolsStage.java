package dev.switchboard.core.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.ToolSettings;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.tools.ToolSelection;
import dev.switchboard.core.tools.ToolSelector;
import java.util.Objects;
import java.util.Optional;

/**
 * Tools: trims a routed request's tool list to the tools that matter for it, under the decision's (or the global)
 * policy, rewriting the body's {@code tools} in place. Requests that name a model keep their tools.
 */
public final class ToolsStage implements Stage {

    private final SwitchboardConfig config;
    private final TextEncoder encoder;
    private final ToolSelector tools;

    /** @param encoder the shared encoder, for the classification API's own pass */
    public ToolsStage(SwitchboardConfig config, TextEncoder encoder) {
        this.config = config;
        this.encoder = encoder;
        this.tools = ToolSelector.forConfig(config, encoder);
    }

    @Override
    public Optional<RoutePlan> apply(RequestContext request) {
        if (tools == null || !config.routing().isAuto(request.request().model())) {
            return CONTINUE;
        }
        ToolSettings.Policy policy = config.tools().policyFor(request.decision());
        if (policy != null) {
            request.plan().tools(tools.apply(policy, request.plan().body(), request.request().userText(),
                    request.sharedPass()));
        }
        return CONTINUE;
    }

    /**
     * Tool selection on a bare text and a tool list under the global policy (its defaults when only decisions select
     * tools), for the classification API. Blocks on the encoder; null when tool selection is off or had nothing to do.
     *
     * @param definitions an array of OpenAI tool definitions (validated as a request's {@code tools} is)
     */
    public ToolSelection select(String text, JsonNode definitions) {
        if (tools == null) {
            return null;
        }
        ObjectNode body = ChatRequest.ofUserText("classify", text).body();
        body.set("tools", definitions.deepCopy());
        // the caller asks which tools are relevant: embed a new tool set now rather than answer "not yet"
        return tools.applyNow(Objects.requireNonNullElse(config.tools().global(), ToolSettings.Policy.DEFAULTS),
                body, text, new EncodeOnce(encoder, text));
    }
}
