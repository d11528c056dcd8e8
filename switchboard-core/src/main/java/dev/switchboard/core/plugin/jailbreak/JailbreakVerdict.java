package dev.switchboard.core.plugin.jailbreak;

import dev.switchboard.core.config.GuardSettings;

/**
 * The jailbreak guard's verdict on a request.
 *
 * @param score        attack probability of the message that decided the verdict (its worst window): the first
 *                     scanned message that reached the threshold, else the highest-scoring one
 * @param messageIndex that message's position in the request's {@code messages}
 * @param guard        the guard that judged: the global one, or the chosen decision's override
 */
public record JailbreakVerdict(double score, int messageIndex, GuardSettings.JailbreakGuard guard) {

    /** The score reached the guard's threshold. */
    public boolean flagged() {
        return score >= guard.threshold();
    }

    /** Flagged, and the guard's action is to block. */
    public boolean blocked() {
        return flagged() && guard.action() == GuardSettings.JailbreakGuard.Action.BLOCK;
    }
}
