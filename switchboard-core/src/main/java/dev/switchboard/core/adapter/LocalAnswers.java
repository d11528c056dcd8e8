package dev.switchboard.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.response.Completions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the router answers for a plan that does not go upstream: a fast response, a cache hit, a jailbreak block or a
 * PII policy refusal. Both adapters answer these alike, so the choices live here once.
 */
public final class LocalAnswers {

    private static final String REFUSAL = "I can't help with that request.";

    private LocalAnswers() {}

    /** The answer to {@code plan}, whose path is not upstream. */
    public static LocalAnswer of(RoutePlan plan, boolean debug) {
        return switch (plan.path()) {
            case FAST_RESPONSE -> completion(plan, plan.fastResponse(), "stop", debug);
            case CACHE -> cached(plan, debug);
            case BLOCKED -> plan.jailbreak() != null && plan.jailbreak().blocked() ? jailbreakBlocked(plan, debug)
                    : piiBlocked(plan, debug);
            default -> throw new IllegalArgumentException("the plan goes " + plan.path().headerValue());
        };
    }

    /** An error as the OpenAI API writes it, with {@code x-vsr-response-path: error}. */
    public static LocalAnswer error(ApiException error) {
        return new LocalAnswer(error.status(), ErrorBodies.json(error), List.of(),
                Map.of(VsrHeaders.RESPONSE_PATH, "error"));
    }

    private static LocalAnswer completion(RoutePlan plan, String text, String finishReason, boolean debug) {
        String model = plan.body().path("model").asText();
        JsonNode messages = plan.body().path("messages");
        long promptTokens = Completions.estimateTokens(messages.toString());
        Map<String, String> headers = RouteHeaders.of(plan, null, debug);
        return plan.stream()
                ? new LocalAnswer(200, null, Completions.chunks(model, text, finishReason, promptTokens), headers)
                : new LocalAnswer(200, Completions.completion(model, text, finishReason, promptTokens).toString(),
                        List.of(), headers);
    }

    /** Replays a cached completion: as stored, or as a well-formed SSE stream for a streaming request. */
    private static LocalAnswer cached(RoutePlan plan, boolean debug) {
        ObjectNode stored = Completions.parse(plan.cache().hit().entry().response());
        Map<String, String> headers = RouteHeaders.of(plan, plan.targets().get(0), debug);
        return plan.stream() ? new LocalAnswer(200, null, Completions.replay(stored), headers)
                : new LocalAnswer(200, stored.toString(), List.of(), headers);
    }

    /**
     * Answers a blocked jailbreak the way the operator chose: as the vLLM Semantic Router does, a normal chat
     * completion ending in {@code finish_reason: content_filter} (a stream if one was asked for), or a 403 error.
     * The guard that judged (global or the decision's) says which.
     */
    private static LocalAnswer jailbreakBlocked(RoutePlan plan, boolean debug) {
        if (plan.jailbreak().guard().response() != GuardSettings.JailbreakGuard.Response.ERROR) {
            return completion(plan, REFUSAL, "content_filter", debug);
        }
        ApiException error = new ApiException(403, "invalid_request_error", "jailbreak_detected", "messages",
                "The request was blocked as a jailbreak or prompt-injection attempt.");
        return withRouteHeaders(error, plan, debug, Map.of());
    }

    /** Refuses a request whose personal data no candidate model may receive; names the types, never the values. */
    private static LocalAnswer piiBlocked(RoutePlan plan, boolean debug) {
        Set<String> types = plan.pii().forbiddenFor(plan.targets().get(0).model());
        ApiException error = new ApiException(403, "invalid_request_error", "pii_policy_violation", "messages",
                "The request contains personal data (" + String.join(", ", types)
                        + ") that the models of this route may not receive.");
        return withRouteHeaders(error, plan, debug, Map.of(VsrHeaders.PII_VIOLATION, "true"));
    }

    private static LocalAnswer withRouteHeaders(ApiException error, RoutePlan plan, boolean debug,
                                                Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(RouteHeaders.of(plan, null, debug));
        headers.putAll(extra);
        return new LocalAnswer(error.status(), ErrorBodies.json(error), List.of(), headers);
    }
}
