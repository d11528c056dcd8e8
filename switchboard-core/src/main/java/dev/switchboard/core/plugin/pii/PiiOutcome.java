package dev.switchboard.core.plugin.pii;

import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.guard.pii.RedactionMap;
import dev.switchboard.core.pipeline.RouteTarget;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * What the PII guard decided for a request.
 *
 * @param findings the personal data found (never empty here)
 * @param action   how violations are handled
 * @param restore  put original values back into the answer when placeholders were sent
 */
public record PiiOutcome(PiiFindings findings, GuardSettings.PiiGuard.Action action, boolean restore) {

    /** The types {@code target}'s model may not receive. */
    public Set<String> forbiddenFor(RouteTarget target) {
        GuardSettings.PiiPolicy policy = target.model().piiPolicy();
        return findings.types().stream().filter(t -> !policy.allows(t))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The body {@code target} may receive: placeholders for whatever its model may not see. */
    public PiiScreen.Redaction redactFor(ObjectNode body, RouteTarget target) {
        GuardSettings.PiiPolicy policy = target.model().piiPolicy();
        return PiiScreen.redact(body, findings, policy::allows);
    }

    /** The placeholders sent to {@code target}, to restore in its answer; empty when nothing is restored. */
    public RedactionMap restorationsFor(ObjectNode body, RouteTarget target) {
        return restore && !forbiddenFor(target).isEmpty() ? redactFor(body, target).map() : RedactionMap.empty();
    }
}
