package dev.switchboard.core.pipeline.stage;

import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import java.util.Optional;

/**
 * Plan: the request goes upstream. Builds the {@link RoutePlan}, which computes once what each candidate model
 * receives (its model id, reasoning switch, PII placeholders) and which placeholders to restore in its answer.
 */
public final class PlanStage implements Stage {

    @Override
    public Optional<RoutePlan> apply(RequestContext request) {
        return request.end(ResponsePath.UPSTREAM);
    }
}
