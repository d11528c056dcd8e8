package dev.switchboard.server.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.guard.GuardVerdict;
import dev.switchboard.core.listener.UpstreamAnswer;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.signal.DomainSignals;
import java.util.Locale;

/**
 * One row of the live table: what routing did with a finished request. Names, scores and timings only; the
 * request's text appears only as {@link PromptPreview} (masked, cut) and only when the operator asked for it.
 */
final class LiveRow {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveRow() {}

    static ObjectNode of(long id, RoutePlan plan, UpstreamAnswer upstream, String error, long totalNanos,
                         long planningNanos, boolean showPrompt) {
        ObjectNode row = JSON.createObjectNode().put("t", System.currentTimeMillis()).put("id", id)
                .put("latency_ms", totalNanos / 1e6)
                .put("routing_ms", planningNanos < 0 ? null : planningNanos / 1e6)
                .put("error", error);
        if (plan == null) {
            return row.put("path", "error");
        }
        row.put("path", error == null ? plan.path().headerValue() : "error")
                .put("tenant", plan.tenant()).put("decision", plan.decision());
        category(plan, row);
        RouteTarget target = upstream != null ? upstream.target() : plan.targets().get(0);
        row.put("model", target.model().name()).put("reasoning", target.reasoningLabel())
                .put("fallback", upstream != null && upstream.target() != plan.targets().get(0))
                .put("cache", plan.cache() == null ? null : plan.cache().isHit() ? "hit" : "miss")
                .put("tools", plan.tools() == null ? null : plan.tools().toolsOut() + "/" + plan.tools().toolsIn());
        guards(plan, row.putArray("guards"));
        if (showPrompt) {
            row.put("prompt", PromptPreview.of(plan));
        }
        return row;
    }

    private static void category(RoutePlan plan, ObjectNode row) {
        plan.signals().all().stream().filter(s -> s.type().equals(DomainSignals.TYPE)).findFirst()
                .ifPresent(s -> row.put("category", s.name()).put("confidence", s.confidence()));
    }

    private static void guards(RoutePlan plan, ArrayNode out) {
        for (GuardVerdict verdict : plan.verdicts()) {
            out.addObject().put("guard", verdict.guardName())
                    .put("action", verdict.action().name().toLowerCase(Locale.ROOT))
                    .put("reason", verdict.reason());
        }
    }
}
