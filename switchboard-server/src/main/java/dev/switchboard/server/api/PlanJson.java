package dev.switchboard.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.plugin.jailbreak.JailbreakVerdict;
import dev.switchboard.core.signal.MatchedSignal;
import dev.switchboard.core.tools.ToolSelection;
import java.util.Locale;

/** A {@link RoutePlan} as JSON: what the router would do with a request, for the dry-run endpoint. */
final class PlanJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanJson() {}

    static ObjectNode of(RoutePlan plan, double millis) {
        ObjectNode root = JSON.createObjectNode();
        root.put("response_path", plan.path().headerValue());
        root.put("decision", plan.decision());
        root.put("category", plan.category());
        RouteTarget chosen = plan.targets().get(0);
        root.put("model", chosen.model().name());
        root.put("reasoning", chosen.reasoningLabel());
        ArrayNode candidates = root.putArray("candidates");
        plan.targets().forEach(t -> candidates.addObject().put("model", t.model().name())
                .put("reasoning", t.reasoningLabel()));
        root.set("signals", signals(plan));
        root.set("guards", guards(plan));
        root.set("cache", plan.cache() == null ? null : JSON.createObjectNode()
                .put("would_hit", plan.cache().isHit())
                .put("similarity", plan.cache().isHit() ? plan.cache().hit().similarity() : null));
        root.set("tools", plan.tools() == null ? null : tools(plan.tools()));
        root.put("fast_response", plan.fastResponse());
        ObjectNode latency = root.putObject("latency_ms");
        plan.signals().latencies().forEach((signal, nanos) -> latency.put(signal, nanos / 1e6));
        root.put("processing_time_ms", millis);
        return root;
    }

    static ArrayNode signals(RoutePlan plan) {
        ArrayNode array = JSON.createArrayNode();
        for (MatchedSignal s : plan.signals().all()) {
            array.addObject().put("type", s.type()).put("name", s.name()).put("confidence", s.confidence());
        }
        return array;
    }

    /** Every candidate tool best first, with its similarity, whether it is sent on, and why. */
    static ObjectNode tools(ToolSelection selection) {
        ObjectNode root = JSON.createObjectNode().put("selected", selection.headerValue())
                .put("tools_in", selection.toolsIn()).put("tools_out", selection.toolsOut())
                .put("estimated_tokens_saved", selection.estimatedTokensSaved());
        ArrayNode tools = root.putArray("tools");
        // a set still being embedded has no scores yet (NaN): null, never a "NaN" string
        selection.tools().forEach(t -> tools.addObject().put("name", t.name())
                .put("score", Double.isNaN(t.score()) ? null : t.score()).put("kept", t.kept())
                .put("reason", t.reason()));
        return root;
    }

    private static ObjectNode guards(RoutePlan plan) {
        ObjectNode guards = JSON.createObjectNode();
        JailbreakVerdict verdict = plan.jailbreak();
        guards.set("jailbreak", verdict == null ? null : JSON.createObjectNode().put("score", verdict.score())
                .put("flagged", verdict.flagged()).put("blocked", verdict.blocked())
                .put("message_index", verdict.messageIndex()));
        if (plan.pii() == null) {
            guards.putNull("pii");
        } else {
            ObjectNode pii = guards.putObject("pii").put("action",
                    plan.pii().action().name().toLowerCase(Locale.ROOT));
            ArrayNode types = pii.putArray("types");
            plan.pii().findings().types().forEach(types::add);
        }
        return guards;
    }
}
