package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.guard.pii.PiiType;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the top-level {@code guards} section. */
final class GuardsReader {

    static final Set<String> GUARDS_KEYS = Set.of("pii", "jailbreak");
    static final Set<String> JAILBREAK_KEYS = Set.of("threshold", "action", "response");
    static final Set<String> PII_KEYS = Set.of("action", "restore", "min_confidence");
    static final Set<String> PII_TYPES = Arrays.stream(PiiType.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    private GuardsReader() {}

    static GuardSettings read(ConfigNode node) {
        node.rejectUnknown(GUARDS_KEYS);
        return new GuardSettings(node.has("pii") ? pii(node.object("pii")) : null,
                node.has("jailbreak") ? jailbreak(node.object("jailbreak")) : null);
    }

    /** {@code jailbreak: {}} switches the jailbreak guard on with defaults. */
    private static GuardSettings.JailbreakGuard jailbreak(ConfigNode node) {
        node.rejectUnknown(JAILBREAK_KEYS);
        double threshold = node.doubleOr("threshold", GuardSettings.JailbreakGuard.DEFAULT_THRESHOLD);
        node.check(threshold > 0 && threshold < 1, "threshold", "`threshold` " + threshold + " is outside (0, 1)",
                "an attack probability; `switchboard eval jailbreak` shows the trade-off");
        return new GuardSettings.JailbreakGuard(threshold,
                node.enumOr("action", GuardSettings.JailbreakGuard.Action.class, GuardSettings.JailbreakGuard.Action.BLOCK),
                node.enumOr("response", GuardSettings.JailbreakGuard.Response.class,
                        GuardSettings.JailbreakGuard.Response.CONTENT_FILTER));
    }

    /** {@code pii: {}} switches the PII guard on with defaults. */
    private static GuardSettings.PiiGuard pii(ConfigNode node) {
        node.rejectUnknown(PII_KEYS);
        GuardSettings.PiiGuard.Action action = node.enumOr("action", GuardSettings.PiiGuard.Action.class,
                GuardSettings.PiiGuard.Action.FALLBACK);
        boolean restore = node.boolOr("restore", true);
        double minConfidence = node.doubleOr("min_confidence", 0.5);
        node.check(minConfidence >= 0 && minConfidence <= 1, "min_confidence", "`min_confidence` " + minConfidence
                + " is outside 0..1", null);
        return new GuardSettings.PiiGuard(action, restore, minConfidence);
    }
}
