package dev.switchboard.server.proxy;

import dev.switchboard.core.plan.RouteTarget;

/** The response of the target that answered a request, after any fallback. */
record Answered<T>(RouteTarget target, T response) {}
