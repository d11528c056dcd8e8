package dev.switchboard.core.pipeline.stage;

import dev.switchboard.core.plan.RoutePlan;
import java.util.Locale;
import java.util.Optional;

/**
 * One step of the request path, with one job: read the request's state, add to it, and either let the next stage
 * go on ({@link #CONTINUE}) or end the request here with a finished plan (a guard's refusal, a fast response, a
 * cache hit). Ending early is a normal outcome and never an exception; a stage throws only for a request that
 * cannot be served ({@link dev.switchboard.core.request.ApiException}). Stages are immutable and shared by every
 * request of one config version; all per-request state lives in the {@link RequestContext}.
 */
public interface Stage {

    /** Go on to the next stage. */
    Optional<RoutePlan> CONTINUE = Optional.empty();

    /** Does this stage's job; returns the finished plan to end the request here, or {@link #CONTINUE}. */
    Optional<RoutePlan> apply(RequestContext request);

    /** The stage's name on the request path ({@code signals}, {@code jailbreak}, ...), for logs and tests. */
    default String name() {
        return getClass().getSimpleName().replaceFirst("Stage$", "").toLowerCase(Locale.ROOT);
    }
}
