package dev.switchboard.core.pipeline.stage;

import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.guard.pii.PiiRecognizer;
import dev.switchboard.core.guard.pii.StructuredPiiDetector;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.plugin.pii.PiiFindings;
import dev.switchboard.core.plugin.pii.PiiOutcome;
import dev.switchboard.core.plugin.pii.PiiScreen;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The PII guard: finds personal data in every text that reaches a model (message contents and names, tool-call
 * arguments, tool definitions), within the request's ML budget (after the decision's system prompt went in, so the
 * placeholders' positions hold), then keeps it from every model whose policy forbids it — by dropping those models
 * (fallback), refusing the request (block), or sending placeholders (redact, applied when the plan is built).
 */
public final class PiiStage implements Stage {

    private final GuardSettings guards;
    private final Map<GuardSettings.PiiGuard, PiiScreen> piiScreens;

    /** @param detector the recognizers of guards that use the entity head (structured ones otherwise) */
    public PiiStage(SwitchboardConfig config, PiiRecognizer detector) {
        this.guards = config.guards();
        this.piiScreens = piiScreens(config, detector);
    }

    @Override
    public Optional<RoutePlan> apply(RequestContext request) {
        return guarded(request, guards.piiFor(request.decision()));
    }

    /** Applies {@code guard} (null: off) to the request's body and candidate models. */
    private Optional<RoutePlan> guarded(RequestContext request, GuardSettings.PiiGuard guard) {
        if (guard == null) {
            return CONTINUE;
        }
        RoutePlan.Builder plan = request.plan();
        PiiScreen screen = piiScreens.get(guard);
        PiiFindings findings = request.budget().during("pii", () -> screen.scan(plan.body(),
                request.request().userIndex(), request.request().userText(), request.encoding(), request.budget()));
        if (findings.isEmpty()) {
            return CONTINUE;
        }
        List<RouteTarget> allowed = guard.action() == GuardSettings.PiiGuard.Action.REDACT ? plan.targets()
                : plan.targets().stream().filter(t -> findings.forbiddenFor(t.model()).isEmpty()).toList();
        boolean blocked = allowed.isEmpty() || guard.action() == GuardSettings.PiiGuard.Action.BLOCK
                && !allowed.get(0).equals(plan.targets().get(0));
        request.judged(new PiiOutcome(findings, guard.action(), guard.restore(), blocked));
        if (blocked) {
            return request.end(ResponsePath.BLOCKED);
        }
        plan.targets(allowed);
        return CONTINUE;
    }

    /** One screen per distinct PII guard (global and per decision); those that use the entity head share it. */
    private static Map<GuardSettings.PiiGuard, PiiScreen> piiScreens(SwitchboardConfig config,
                                                                    PiiRecognizer detector) {
        if (!config.screensPii()) {
            return Map.of();
        }
        Map<GuardSettings.PiiGuard, PiiScreen> screens = new HashMap<>();
        Stream.concat(Stream.of(config.guards().pii()), config.decisions().stream().map(config.guards()::piiFor))
                .filter(Objects::nonNull).forEach(guard -> screens.computeIfAbsent(guard,
                        g -> new PiiScreen(g.entities() ? detector : StructuredPiiDetector.create(), g)));
        return Map.copyOf(screens);
    }
}
