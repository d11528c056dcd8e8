package dev.switchboard.extproc;

import dev.switchboard.core.adapter.VsrHeaders;
import dev.switchboard.core.auth.Tenant;
import dev.switchboard.core.listener.RequestEvents;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What one HTTP exchange through Envoy has learned so far, shared by its request and response phases. Envoy sends
 * one phase at a time and waits for each answer, so the fields are written by one thread at a time; volatile
 * makes the hand-over between the gRPC thread and the ML pool visible.
 */
final class Exchange {

    volatile Map<String, String> requestHeaders = Map.of();
    volatile Tenant tenant = Tenant.ANONYMOUS;
    /** Set once the exchange is a chat request the router plans; null for requests it only passes through. */
    volatile RequestEvents events;
    volatile CompletableFuture<RoutePlan> planning;
    volatile RoutePlan plan;
    /** The model Envoy routes to (the plan's first target), once the plan goes upstream. */
    volatile RouteTarget target;
    volatile RouterPipeline pipeline;
    volatile long sentNanos;
    /** The request was answered or failed and its listeners were told; later events are dropped. */
    volatile boolean ended;

    boolean debug() {
        return "true".equalsIgnoreCase(requestHeaders.get(VsrHeaders.DEBUG));
    }

    /** True while a routed request is on its way to or back from a model. */
    boolean upstream() {
        return target != null && !ended;
    }
}
