package dev.switchboard.core.pipeline.stage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.CacheSettings;
import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.plugin.cache.CacheKeys;
import dev.switchboard.core.plugin.cache.CacheOutcome;
import dev.switchboard.core.plugin.cache.CacheTicket;
import dev.switchboard.core.plugin.cache.ResponseCache;
import java.util.Optional;

/**
 * Cache: when the decision caches, answers from a similar earlier question, or hands the plan a ticket to store the
 * upstream's answer with, in the partition of the caller (tenant or end user) and at the similarity floor the
 * client may raise. Answers to requests carrying personal data are neither served from nor kept in the cache.
 */
public final class CacheStage implements Stage {

    private final CacheSettings settings;
    private final ResponseCache cache;

    /** @param cache the response cache, or null when no decision caches */
    public CacheStage(CacheSettings settings, ResponseCache cache) {
        this.settings = settings;
        this.cache = cache;
    }

    @Override
    public Optional<RoutePlan> apply(RequestContext request) {
        if (request.decision() == null || request.plan().pii() != null || !request.useCache()) {
            return CONTINUE;
        }
        CacheOutcome cached = lookUp(request.decision(), request.plan().targets().get(0), request.plan().body(),
                request);
        if (cached == null) {
            return CONTINUE;
        }
        request.cached(cached);
        return cached.isHit() ? request.end(ResponsePath.CACHE) : CONTINUE;
    }

    /** Asks the cache when the decision caches; the body is already rewritten, so its context is what counts. */
    private CacheOutcome lookUp(DecisionConfig decision, RouteTarget primary, ObjectNode body,
                                RequestContext request) {
        Optional<CacheSettings.Policy> policy = settings.policyFor(decision);
        String question = request.request().userText();
        if (cache == null || policy.isEmpty() || question.isBlank()) {
            return null;
        }
        // partitions are keyed by who asked (tenant or end user, as configured): two callers never share an answer
        String scope = CacheKeys.scope(settings.partitionBy(), request.tenant(), request.request().endUser());
        CacheTicket ticket = new CacheTicket(CacheKeys.partition(scope, decision.name(), primary.model().name(), body),
                question, null, policy.get().ttl())
                .withMinSimilarity(policy.get().similarityThreshold(), request.request().cacheMinSimilarity());
        return cache.lookup(ticket, policy.get(), request.encoding());
    }
}
