package dev.switchboard.core.listener;

import dev.switchboard.core.cache.SemanticCacheStore;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.guard.GuardVerdict;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.plugin.cache.CacheOutcome;

/**
 * Watches requests go by: metrics, the dashboard's live view, tracing and decision records are listeners. Events
 * come in pairs: every {@link #requestStarted} is followed by exactly one {@link #requestAnswered} or
 * {@link #requestFailed}, every {@link #upstreamAttemptStarted} by one {@link #upstreamAttemptEnded}. Events of one
 * request share its {@code requestId} and may arrive on different threads, one at a time.
 *
 * <p>A listener can never fail a request: {@link CompositeListener} catches what a listener throws and logs it once.
 * Listeners run on the request path (event loop or ML thread), so they must be quick and must not block.
 */
public interface RouterListener {

    /** Listens to nothing. */
    RouterListener NONE = new RouterListener() {};

    /**
     * A config version now serves (at start, and after each reload that built).
     *
     * @param cacheStore the response cache's store, or null when no decision caches
     */
    default void configApplied(SwitchboardConfig config, SemanticCacheStore cacheStore) {}

    /** A request arrived (before it is read or parsed). */
    default void requestStarted(long requestId) {}

    /** The pipeline planned the request in {@code planningNanos} (encoder pass, signals, guards, cache lookup). */
    default void requestPlanned(long requestId, RoutePlan plan, long planningNanos) {}

    /** The cache was asked; the outcome says hit or miss and how long the lookup took. */
    default void cacheLookedUp(long requestId, CacheOutcome outcome) {}

    /** A guard judged the request. */
    default void guardJudged(long requestId, GuardVerdict verdict) {}

    /** The request is being sent to {@code target} (the first, or a fallback after a failed attempt). */
    default void upstreamAttemptStarted(long requestId, RouteTarget target) {}

    /**
     * The attempt on {@code target} ended after {@code nanos}: it answered (headers arrived with a status other than
     * 5xx or 429), or it failed and the next target is tried.
     *
     * @param failure null when the target answered; else {@code upstream_status} or {@code upstream_failure}, or
     *                {@code cancelled} when the client went away or the request timed out
     */
    default void upstreamAttemptEnded(long requestId, RouteTarget target, String failure, long nanos) {}

    /**
     * The client got its answer (for a stream: the stream ended).
     *
     * @param upstream what the model that answered did, or null when the router answered itself (fast response,
     *                 cache, guard refusal)
     */
    default void requestAnswered(long requestId, RoutePlan plan, UpstreamAnswer upstream) {}

    /**
     * The request failed; the client got an OpenAI-style error, or a stream that ended with an error event.
     *
     * @param plan     the plan, or null when the request failed before it was planned
     * @param code     the error code the client saw, a fixed vocabulary word ({@code model_not_found}, ...)
     * @param upstream what the model had answered before a stream broke, or null
     */
    default void requestFailed(long requestId, RoutePlan plan, String code, UpstreamAnswer upstream) {}

    /**
     * A request met client authentication (auth on only): its tenant's name ({@code -} when it carried no valid
     * key; never the key) and the result: allowed, missing_key, invalid_key, rate_limited, budget_exhausted.
     */
    default void tenantAuthenticated(String tenant, String result) {}

    /** An authenticated request was refused with 403: the tenant may not use its model or decision. */
    default void tenantRefused(String tenant, String reason) {}

    /** Tokens charged to a tenant's limits: its estimated prompt tokens on arrival, completion tokens after. */
    default void tenantCharged(String tenant, long tokens) {}
}
