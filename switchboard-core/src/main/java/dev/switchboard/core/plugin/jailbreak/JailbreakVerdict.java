package dev.switchboard.core.plugin.jailbreak;

import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.guard.GuardVerdict;
import java.util.Locale;

/**
 * The jailbreak guard's verdict on a request.
 *
 * @param score        attack probability of the message that decided the verdict (its worst window): the first
 *                     scanned message that reached the threshold, else the highest-scoring one
 * @param messageIndex that message's position in the request's {@code messages}; -1 for a tool definition
 * @param guard        the guard that judged: the global one, or the chosen decision's override
 * @param source       JSON pointer of what was judged: {@code /messages/3},
 *                     {@code /messages/2/tool_calls/0/function/arguments} or {@code /tools/1/function}
 */
public record JailbreakVerdict(double score, int messageIndex, GuardSettings.JailbreakGuard guard, String source)
        implements GuardVerdict {

    /** The guard's name in verdicts and listener events. */
    public static final String NAME = "jailbreak";

    /** The verdict on a message's content. */
    public JailbreakVerdict(double score, int messageIndex, GuardSettings.JailbreakGuard guard) {
        this(score, messageIndex, guard, "/messages/" + messageIndex);
    }

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
        // names where the text sits (a message, tool-call arguments or a tool definition), never the text itself
        return String.format(Locale.ROOT, "%s scored %.3f, %s the threshold %.2f", source, score,
                flagged() ? "at or over" : "under", guard.threshold());
    }
}
