package dev.switchboard.core.plugin.pii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.guard.GuardVerdict;
import java.util.Set;

/**
 * What the PII guard decided for a request.
 *
 * @param findings the personal data found (never empty here)
 * @param handling how violations are handled: drop the models (fallback), refuse, or send placeholders
 * @param restore  put original values back into the answer when placeholders were sent
 * @param blocked  no candidate model may receive the data (or the guard refuses rather than fall back)
 */
public record PiiOutcome(PiiFindings findings, GuardSettings.PiiGuard.Action handling, boolean restore,
                         boolean blocked) implements GuardVerdict {

    /** The guard's name in verdicts and listener events. */
    public static final String NAME = "pii";

    /** The types {@code model} may not receive. */
    public Set<String> forbiddenFor(ModelConfig model) {
        return findings.forbiddenFor(model);
    }

    /** The body {@code model} may receive: placeholders for whatever it may not see. */
    public PiiScreen.Redaction redactFor(ObjectNode body, ModelConfig model) {
        return PiiScreen.redact(body, findings, model.piiPolicy()::allows);
    }

    @Override
    public String guardName() {
        return NAME;
    }

    /** Refused, or rewritten with placeholders for the models that may not see the data, or let through. */
    @Override
    public Action action() {
        return blocked ? Action.BLOCK
                : handling == GuardSettings.PiiGuard.Action.REDACT ? Action.REWRITE : Action.ALLOW;
    }

    @Override
    public String reason() {
        return "found " + String.join(", ", findings.types()) + "; policy: "
                + handling.name().toLowerCase(java.util.Locale.ROOT);
    }
}
