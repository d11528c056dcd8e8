package dev.switchboard.core.adapter;

import dev.switchboard.core.auth.RateLimits;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.listener.CompositeListener;
import dev.switchboard.core.pipeline.Planner;
import dev.switchboard.core.pipeline.RouterPipeline;
import java.util.function.Supplier;

/**
 * What a second adapter (the Envoy ext_proc service) shares with the running router, so both serve one config,
 * one ML pool, one set of listeners (metrics), one cache writer and one set of tenant rate limits.
 *
 * @param pipeline the pipeline now serving; follows config reloads
 * @param planner  runs the pipeline on the bounded ML pool
 * @param listener hears every request's events
 * @param cacheWriter stores answers off the request path
 * @param limits   the tenants' rate limits
 */
public record RouterHandle(Supplier<RouterPipeline> pipeline, Planner planner, CompositeListener listener,
                           CacheWriter cacheWriter, RateLimits limits) {

    /** The config now serving. */
    public SwitchboardConfig config() {
        return pipeline.get().config();
    }
}
