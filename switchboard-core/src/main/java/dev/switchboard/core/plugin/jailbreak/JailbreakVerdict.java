package dev.switchboard.core.plugin.jailbreak;

import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.guard.GuardVerdict;
import java.util.Locale;

/**
 * The jailbreak guard's verdict on a request.
 *
 * @param score        attack probability of the message that decided the verdict (its worst window): the first
 *                     scanned message that reached the threshold, else the highest-scoring one
 * @param messageIndex that message's position in the request's {@code messages}
 * @param guard        the guard that judged: the global one, or the chosen decision's override
 */
public record JailbreakVerdict(double score, int messageIndex, GuardSettings.JailbreakGuard guard)
        implements GuardVerdict {

    /** The guard's name in verdicts and listener events. */
    public static final String NAME = "jailbreak";

    /** The score reached the guard's threshold. */
    public boolean flagged() {
        return score >= guard.threshold();
    }

    /** Flagged, and the guard's action is to block. */
    public boolean blocked() {
        return flagged() && guard.action() == GuardSettings.JailbreakGuard.Action.BLOCK;
    }

    @Override
    public String guardName() {
        return NAME;
    }

    /** A flagged request that the guard only flags goes through: the headers say so. */
    @Override
    public Action action() {
        return blocked() ? Action.BLOCK : Action.ALLOW;
    }

    @Override
    public String reason() {
        return String.format(Locale.ROOT, "message %d scored %.3f, %s the threshold %.2f", messageIndex, score,
                flagged() ? "at or over" : "under", guard.threshold());
    }
}
