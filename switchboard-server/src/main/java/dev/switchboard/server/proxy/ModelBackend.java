package dev.switchboard.server.proxy;

import com.linecorp.armeria.common.HttpResponse;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;

/** Sends a planned request to one model and returns its raw response (not yet split or aggregated). */
public interface ModelBackend {

    HttpResponse send(RoutePlan plan, RouteTarget target);
}
