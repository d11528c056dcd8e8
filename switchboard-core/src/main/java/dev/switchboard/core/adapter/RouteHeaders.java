package dev.switchboard.core.adapter;

import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.signal.MatchedSignal;
import dev.switchboard.core.tools.ToolSelection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code x-vsr-*} headers that tell a client how its request was routed, as names and values: the HTTP proxy
 * sets them on its response, the Envoy adapter adds them with header mutations. One place decides what they say.
 */
public final class RouteHeaders {

    private RouteHeaders() {}

    /**
     * @param target the model that answered (or will), or null when none did (fast response, block)
     * @param debug  the client asked for {@code x-vsr-debug}: matched signals and kept tools too
     */
    public static Map<String, String> of(RoutePlan plan, RouteTarget target, boolean debug) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(VsrHeaders.RESPONSE_PATH, plan.path().headerValue());
        putIfPresent(headers, VsrHeaders.SELECTED_DECISION, plan.decision());
        putIfPresent(headers, VsrHeaders.SELECTED_CATEGORY, plan.category());
        putIfPresent(headers, VsrHeaders.SELECTION, plan.selection());
        if (target != null) {
            headers.put(VsrHeaders.SELECTED_MODEL, target.model().name());
            headers.put(VsrHeaders.SELECTED_REASONING, target.reasoningLabel());
        }
        putGuards(headers, plan);
        if (plan.cache() != null) {
            headers.put(VsrHeaders.CACHE_HIT, Boolean.toString(plan.cache().isHit()));
            if (plan.cache().isHit()) {
                headers.put(VsrHeaders.CACHE_SIMILARITY, format("%.4f", plan.cache().hit().similarity()));
            }
        }
        if (plan.tools() != null) {
            putTools(headers, plan.tools(), debug);
        }
        if (debug) {
            headers.put(VsrHeaders.MATCHED_SIGNALS, plan.signals().all().stream()
                    .map(MatchedSignal::toString).collect(Collectors.joining(",")));
        }
        return headers;
    }

    private static void putGuards(Map<String, String> headers, RoutePlan plan) {
        if (plan.jailbreak() != null && plan.jailbreak().flagged()) {
            headers.put(plan.jailbreak().blocked() ? VsrHeaders.JAILBREAK_BLOCKED : VsrHeaders.JAILBREAK_DETECTED,
                    "true");
            headers.put(VsrHeaders.JAILBREAK_TYPE, "jailbreak");
            headers.put(VsrHeaders.JAILBREAK_CONFIDENCE, format("%.3f", plan.jailbreak().score()));
            headers.put(VsrHeaders.JAILBREAK_MESSAGE_INDEX, Integer.toString(plan.jailbreak().messageIndex()));
            headers.put(VsrHeaders.JAILBREAK_SOURCE, plan.jailbreak().source());
        }
        if (plan.mlBudget() != null && plan.mlBudget().exceeded()) {
            headers.put(VsrHeaders.ML_BUDGET_EXCEEDED, "true");
            headers.put(VsrHeaders.ML_BUDGET_PARTIAL, String.join(",", plan.mlBudget().partialGuards()));
        }
        if (plan.pii() != null) {
            headers.put(VsrHeaders.PII_DETECTED, String.join(",", plan.pii().findings().types()));
        }
    }

    /** Counts always; with debug, the kept tools with their score and why each was kept. */
    private static void putTools(Map<String, String> headers, ToolSelection selection, boolean debug) {
        headers.put(VsrHeaders.TOOLS_SELECTED, selection.headerValue());
        if (debug) {
            // name=score(reason): tool names are the client's own identifiers, [A-Za-z0-9_-] in the OpenAI API
            headers.put(VsrHeaders.TOOLS_KEPT, selection.kept().stream()
                    .map(t -> String.valueOf(t.name()).replaceAll("[^A-Za-z0-9_.-]", "_") + "="
                            + (Double.isNaN(t.score()) ? "-" : format("%.3f", t.score())) // NaN: not yet embedded
                            + "(" + t.reason() + ")")
                    .collect(Collectors.joining(",")));
        }
    }

    private static void putIfPresent(Map<String, String> headers, String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
