package dev.switchboard.core.pipeline.stage;

import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plugin.jailbreak.JailbreakScan;
import dev.switchboard.core.plugin.jailbreak.JailbreakScorer;
import dev.switchboard.core.plugin.jailbreak.JailbreakVerdict;
import java.util.Objects;
import java.util.Optional;

/**
 * The jailbreak guard: scores the request for jailbreaks and prompt injection under the guard the decision chose
 * (a decision may tighten, relax or switch off the global guard), within the request's ML budget
 * ({@link JailbreakScan} says which texts, in which order), and refuses it when the guard blocks.
 */
public final class JailbreakStage implements Stage {

    private final GuardSettings guards;
    private final JailbreakScorer jailbreak;
    private final JailbreakScan scan;
    private final TextEncoder encoder;

    /**
     * @param jailbreak the jailbreak head, or null when the guard is off globally and for every decision
     * @param encoder   the shared encoder, for the other texts' own passes
     */
    public JailbreakStage(GuardSettings guards, JailbreakScorer jailbreak, TextEncoder encoder) {
        this.guards = guards;
        this.jailbreak = jailbreak;
        this.scan = new JailbreakScan(jailbreak, encoder);
        this.encoder = encoder;
    }

    @Override
    public Optional<RoutePlan> apply(RequestContext request) {
        // judged once the decision is known: a decision may tighten, relax or switch off the guard
        JailbreakVerdict verdict = scan.judge(request.request(), request.sharedPass(),
                guards.jailbreakFor(request.decision()), request.budget());
        if (verdict == null) {
            return CONTINUE;
        }
        request.judged(verdict);
        return verdict.blocked() ? request.end(ResponsePath.BLOCKED) : CONTINUE;
    }

    /**
     * The jailbreak verdict on a bare text under the global guard (its defaults when only decisions switch the guard
     * on), for the classification API. Blocks on the encoder; null when no decision or global guard judges.
     */
    public JailbreakVerdict judge(String text) {
        if (jailbreak == null || text.isBlank()) {
            return null;
        }
        GuardSettings.JailbreakGuard guard = Objects.requireNonNullElse(guards.jailbreak(),
                GuardSettings.JailbreakGuard.DEFAULTS);
        ScanBudget budget = new ScanBudget(guards.mlBudget()); // bounded here too
        return new JailbreakVerdict(jailbreak.score(text, new EncodeOnce(encoder, text), budget), 0, guard);
    }
}
