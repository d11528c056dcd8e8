package dev.switchboard.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.core.plugin.ReasoningRewriter;
import dev.switchboard.core.guard.pii.RedactionMap;
import dev.switchboard.core.plugin.cache.CacheOutcome;
import dev.switchboard.core.plugin.jailbreak.JailbreakVerdict;
import dev.switchboard.core.plugin.pii.PiiOutcome;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.signal.DomainSignals;
import dev.switchboard.core.signal.SignalSet;
import dev.switchboard.core.tools.ToolSelection;
import java.util.List;

/**
 * What to do with one request: a plain value the adapters apply. Nothing here knows about HTTP.
 *
 * @param path         upstream, or answered by the router itself
 * @param decision     the matched decision's name, or null (passthrough or default route)
 * @param targets      models to try in order: the decision's candidates, then the default model
 * @param body         the request after decision plugins, before the per-target rewrite
 * @param fastResponse the message to answer with when {@code path} is {@link ResponsePath#FAST_RESPONSE}
 * @param signals      what the signals found (shown with {@code x-vsr-debug})
 * @param cache        the cache's hit or ticket, or null when the decision does not cache
 * @param pii          the PII guard's findings, or null when it found nothing (or is off)
 * @param jailbreak    the jailbreak guard's verdict, or null when it is off
 * @param tools        what tool selection did to {@code body}'s tools, or null when it left them alone
 * @param mlBudget     what the guards' encoder passes cost and which guards read only part of the request (the
 *                     budget ran out), or null when not recorded
 */
public record RoutePlan(ResponsePath path, String decision, List<RouteTarget> targets, ObjectNode body,
                        boolean stream, String fastResponse, SignalSet signals, CacheOutcome cache,
                        PiiOutcome pii, JailbreakVerdict jailbreak, ToolSelection tools, ScanBudget.Report mlBudget) {

    public RoutePlan {
        targets = List.copyOf(targets);
    }

    /** A plan whose tools were left alone, without a budget report (see {@link #withMlBudget}). */
    public RoutePlan(ResponsePath path, String decision, List<RouteTarget> targets, ObjectNode body, boolean stream,
                     String fastResponse, SignalSet signals, CacheOutcome cache, PiiOutcome pii,
                     JailbreakVerdict jailbreak) {
        this(path, decision, targets, body, stream, fastResponse, signals, cache, pii, jailbreak, null, null);
    }

    /** This plan with the guards' ML budget report. */
    public RoutePlan withMlBudget(ScanBudget.Report report) {
        return new RoutePlan(path, decision, targets, body, stream, fastResponse, signals, cache, pii, jailbreak,
                tools, report);
    }

    /** This plan with tool selection's outcome recorded (the body already carries the selected tools). */
    public RoutePlan withTools(ToolSelection selection) {
        return new RoutePlan(path, decision, targets, body, stream, fastResponse, signals, cache, pii, jailbreak,
                selection, mlBudget);
    }

    /** The placeholders sent to {@code target} whose original values go back into its answer. */
    public RedactionMap restorationsFor(RouteTarget target) {
        return pii == null ? RedactionMap.empty() : pii.restorationsFor(body, target);
    }

    /** The domain category that fired for this request, or null: the {@code x-vsr-selected-category} value. */
    public String category() {
        return signals.all().stream().filter(s -> s.type().equals(DomainSignals.TYPE)).map(s -> s.name())
                .findFirst().orElse(null);
    }

    /** Why the first target was chosen when the decision selects per prompt (cost-aware selection), else null. */
    public String selection() {
        return signals.selection().orElse(null);
    }

    /** The exact bytes to send to {@code target}: provider model id and reasoning switch applied. */
    public byte[] bodyFor(RouteTarget target) {
        // A model never receives a PII type its policy forbids: redaction is applied here, at the last step.
        ObjectNode copy = pii == null || pii.forbiddenFor(target).isEmpty() ? body.deepCopy()
                : pii.redactFor(body, target).body();
        copy.put("model", target.model().providerModelId());
        ReasoningRewriter.apply(copy, target.model().reasoningFamily(), target.useReasoning(),
                target.reasoningEffort());
        return ChatRequest.toBytes(copy);
    }
}
