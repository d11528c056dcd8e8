package dev.switchboard.core.pipeline.stage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.PluginConfig;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plugin.SystemPromptPlugin;
import java.util.Optional;

/**
 * Prompt: applies the decision's plugins to the request body — its system prompt — or answers the request itself
 * with the decision's fast response. (The reasoning switch is applied per target when the plan is built.)
 */
public final class PromptStage implements Stage {

    @Override
    public Optional<RoutePlan> apply(RequestContext request) {
        if (request.decision() == null) {
            return CONTINUE;
        }
        String fastResponse = applyPlugins(request.decision(), request.plan().body());
        if (fastResponse == null) {
            return CONTINUE;
        }
        // the router answers itself: no tool list goes anywhere, so none is reported
        request.plan().fastResponse(fastResponse).tools(null);
        return request.end(ResponsePath.FAST_RESPONSE);
    }

    /** Applies the decision's plugins to {@code body}; returns a fast-response message if one answers. */
    private static String applyPlugins(DecisionConfig decision, ObjectNode body) {
        String fastResponse = null;
        for (PluginConfig plugin : decision.plugins()) {
            if (plugin instanceof PluginConfig.SystemPrompt prompt) {
                SystemPromptPlugin.apply(body, prompt);
            } else if (plugin instanceof PluginConfig.FastResponse fast) {
                fastResponse = fast.message();
            }
        }
        return fastResponse;
    }
}
