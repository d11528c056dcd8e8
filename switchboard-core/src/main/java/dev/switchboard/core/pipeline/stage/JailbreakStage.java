package dev.switchboard.core.pipeline.stage;

import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plugin.jailbreak.JailbreakScorer;
import dev.switchboard.core.plugin.jailbreak.JailbreakVerdict;
import dev.switchboard.core.request.ChatRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The jailbreak guard: scores the request for jailbreaks and prompt injection under the guard the decision chose
 * (a decision may tighten, relax or switch off the global guard), and refuses it when the guard blocks.
 */
public final class JailbreakStage implements Stage {

    /** Roles whose text the jailbreak guard scans beyond the latest user message: earlier turns, tool results. */
    private static final Set<String> SCANNED_ROLES = Set.of("user", "tool", "function");

    private final GuardSettings guards;
    private final JailbreakScorer jailbreak;
    private final TextEncoder encoder;

    /**
     * @param jailbreak the jailbreak head, or null when the guard is off globally and for every decision
     * @param encoder   the shared encoder, for the earlier messages' own passes
     */
    public JailbreakStage(GuardSettings guards, JailbreakScorer jailbreak, TextEncoder encoder) {
        this.guards = guards;
        this.jailbreak = jailbreak;
        this.encoder = encoder;
    }

    @Override
    public Optional<RoutePlan> apply(RequestContext request) {
        // judged once the decision is known: a decision may tighten, relax or switch off the guard
        JailbreakVerdict verdict = judge(request.request(), request.sharedPass(),
                guards.jailbreakFor(request.decision()));
        if (verdict == null) {
            return CONTINUE;
        }
        request.judged(verdict);
        return verdict.blocked() ? request.end(ResponsePath.BLOCKED) : CONTINUE;
    }

    /**
     * Scores the request for jailbreaks and prompt injection under {@code guard} (null: the guard is off). The
     * latest user message is scored on the shared encoder pass; with {@code scan: user_and_tool}, earlier user
     * turns and tool results too, newest first and each on its own pass, up to the guard's scan limit. The first
     * message that reaches the threshold decides (the rest need not be scored), else the highest score.
     */
    private JailbreakVerdict judge(ChatRequest request, EncodeOnce encoding, GuardSettings.JailbreakGuard guard) {
        if (guard == null) {
            return null;
        }
        JailbreakVerdict latest = request.userText().isBlank() ? null
                : new JailbreakVerdict(jailbreak.score(request.userText(), encoding), request.userIndex(), guard);
        return guard.scan() == GuardSettings.JailbreakGuard.Scan.LATEST ? latest
                : worstOfEarlier(request, guard, latest);
    }

    /** Scores earlier user turns and tool results, each on its own encoder pass, until one is flagged. */
    private JailbreakVerdict worstOfEarlier(ChatRequest request, GuardSettings.JailbreakGuard guard,
                                            JailbreakVerdict worst) {
        Set<String> scored = new HashSet<>(Set.of(request.userText()));
        List<ChatRequest.MessageText> earlier = request.textsNewestFirst(SCANNED_ROLES).stream()
                .filter(m -> m.index() != request.userIndex()).limit(guard.scanLimit()).toList();
        for (ChatRequest.MessageText message : earlier) {
            if (worst != null && worst.flagged()) {
                break;
            }
            if (scored.add(message.text())) { // a repeated text scores the same
                double score = jailbreak.score(message.text(), new EncodeOnce(encoder, message.text()));
                if (worst == null || score > worst.score()) {
                    worst = new JailbreakVerdict(score, message.index(), guard);
                }
            }
        }
        return worst;
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
        return new JailbreakVerdict(jailbreak.score(text, new EncodeOnce(encoder, text)), 0, guard);
    }
}
