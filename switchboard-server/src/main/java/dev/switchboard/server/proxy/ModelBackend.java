package dev.switchboard.server.proxy;

import com.linecorp.armeria.common.HttpResponse;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;

/** Sends a planned request to one model and returns its raw response (not yet split or aggregated). */
public interface ModelBackend {

    /**
     * @param authorization the {@code Authorization} header to send instead of the model's own (the client's, for a
     *                      tenant with {@code upstream_key: client}), or null for the model's own
     */
    HttpResponse send(RoutePlan plan, RouteTarget target, String authorization);
}
