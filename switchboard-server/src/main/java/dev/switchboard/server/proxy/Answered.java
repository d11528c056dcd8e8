package dev.switchboard.server.proxy;

import dev.switchboard.core.pipeline.RouteTarget;

/** The response of the target that answered a request, after any fallback. */
record Answered<T>(RouteTarget target, T response) {}
