package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.config.GuardSettings.JailbreakGuard;
import dev.switchboard.core.config.GuardSettings.MlBudget;
import dev.switchboard.core.config.GuardSettings.PiiGuard;
import dev.switchboard.core.guard.pii.PiiType;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the top-level {@code guards} section. The field readers are shared with the decisions' {@code jailbreak}
 * and {@code pii} plugins, so a value is checked the same way wherever it is written.
 */
final class GuardsReader {

    static final Set<String> GUARDS_KEYS = Set.of("pii", "jailbreak", "ml_budget");
    static final Set<String> JAILBREAK_KEYS = Set.of("threshold", "action", "response", "scan", "scan_limit");
    static final Set<String> PII_KEYS = Set.of("action", "restore", "min_confidence", "entities");
    static final Set<String> PII_TYPES = Arrays.stream(PiiType.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    private GuardsReader() {}

    static GuardSettings read(ConfigNode node) {
        node.rejectUnknown(GUARDS_KEYS);
        return new GuardSettings(node.has("pii") ? pii(node.object("pii")) : null,
                node.has("jailbreak") ? jailbreak(node.object("jailbreak")) : null,
                node.has("ml_budget") ? MlBudgetReader.read(node.object("ml_budget")) : MlBudget.DEFAULTS);
    }

    /** {@code jailbreak: {}} switches the jailbreak guard on with defaults. */
    private static JailbreakGuard jailbreak(ConfigNode node) {
        node.rejectUnknown(JAILBREAK_KEYS);
        JailbreakGuard defaults = JailbreakGuard.DEFAULTS;
        Double threshold = threshold(node);
        JailbreakGuard.Action action = jailbreakAction(node);
        JailbreakGuard.Response response = response(node);
        int scanLimit = node.intOr("scan_limit", defaults.scanLimit());
        node.check(scanLimit >= 0 && scanLimit <= 64, "scan_limit", "`scan_limit` " + scanLimit
                + " is outside 0..64", "each scanned message costs one scorer call");
        return new JailbreakGuard(threshold != null ? threshold : defaults.threshold(),
                action != null ? action : defaults.action(), response != null ? response : defaults.response(),
                node.enumOr("scan", JailbreakGuard.Scan.class, defaults.scan()), scanLimit);
    }

    /** {@code pii: {}} switches the PII guard on with defaults. */
    private static PiiGuard pii(ConfigNode node) {
        node.rejectUnknown(PII_KEYS);
        PiiGuard defaults = PiiGuard.DEFAULTS;
        PiiGuard.Action action = piiAction(node);
        Double minConfidence = minConfidence(node);
        return new PiiGuard(action != null ? action : defaults.action(), node.boolOr("restore", defaults.restore()),
                minConfidence != null ? minConfidence : defaults.minConfidence(),
                node.boolOr("entities", defaults.entities()));
    }

    /** An attack probability in (0, 1), or null when not set (or invalid, which is reported). */
    static Double threshold(ConfigNode node) {
        Double threshold = node.optionalDouble("threshold");
        if (threshold == null) {
            return null;
        }
        return node.check(threshold > 0 && threshold < 1, "threshold", "`threshold` " + threshold
                + " is outside (0, 1)", "an attack probability; `switchboard eval jailbreak` shows the trade-off")
                ? threshold : null;
    }

    static JailbreakGuard.Action jailbreakAction(ConfigNode node) {
        return node.enumOr("action", JailbreakGuard.Action.class, null);
    }

    static JailbreakGuard.Response response(ConfigNode node) {
        return node.enumOr("response", JailbreakGuard.Response.class, null);
    }

    static PiiGuard.Action piiAction(ConfigNode node) {
        return node.enumOr("action", PiiGuard.Action.class, null);
    }

    /** A confidence in 0..1, or null when not set (or invalid, which is reported). */
    static Double minConfidence(ConfigNode node) {
        Double minConfidence = node.optionalDouble("min_confidence");
        if (minConfidence == null) {
            return null;
        }
        return node.check(minConfidence >= 0 && minConfidence <= 1, "min_confidence", "`min_confidence` "
                + minConfidence + " is outside 0..1", null) ? minConfidence : null;
    }
}
